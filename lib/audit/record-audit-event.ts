import type { Tx } from "@/lib/db";
import type { ActorType, Prisma } from "@/lib/generated/prisma/client";

export interface AuditActor {
  type: ActorType;
  id?: string;
  /** Human-readable: an email, a token's name, "system". */
  label: string;
}

export interface AuditEventInput {
  /** Dotted name: "<subject>.<verb>", e.g. "federation.updated". */
  action: string;
  actor: AuditActor;
  target?: { type: string; id: string; label?: string };
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  requestId?: string;
}

export const SYSTEM_ACTOR: AuditActor = { type: "SYSTEM", label: "system" };

/** Records one audit event. Takes a transaction client so the event commits or rolls back with the change. */
export async function recordAuditEvent(tx: Tx, accountId: string, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      accountId,
      action: event.action,
      actorType: event.actor.type,
      actorId: event.actor.id ?? null,
      actorLabel: event.actor.label,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      targetLabel: event.target?.label ?? null,
      before: event.before,
      after: event.after,
      requestId: event.requestId ?? null,
    },
  });
}

/** Records many events in one statement (set-based changes such as provisioning thousands of users). */
export async function recordAuditEvents(tx: Tx, accountId: string, events: AuditEventInput[]): Promise<void> {
  const BATCH = 5000;
  for (let i = 0; i < events.length; i += BATCH) {
    await tx.auditEvent.createMany({
      data: events.slice(i, i + BATCH).map((event) => ({
        accountId,
        action: event.action,
        actorType: event.actor.type,
        actorId: event.actor.id ?? null,
        actorLabel: event.actor.label,
        targetType: event.target?.type ?? null,
        targetId: event.target?.id ?? null,
        targetLabel: event.target?.label ?? null,
        before: event.before,
        after: event.after,
        requestId: event.requestId ?? null,
      })),
    });
  }
}
