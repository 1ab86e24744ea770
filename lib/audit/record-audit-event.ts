import type { Tx } from "@/lib/db";
import type { ActorType, Prisma } from "@/lib/generated/prisma/client";
import { currentAuditRequestId } from "./request-context";

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
  /** The request the change came from; by default the one of withAuditRequest (request-context.ts), if any. */
  requestId?: string;
}

export const SYSTEM_ACTOR: AuditActor = { type: "SYSTEM", label: "system" };

/** Records one audit event. Takes a transaction client so the event commits or rolls back with the change. */
export function recordAuditEvent(tx: Tx, accountId: string, event: AuditEventInput): Promise<void> {
  return recordAuditEvents(tx, accountId, [event]);
}

const json = (value: Prisma.InputJsonValue | undefined) => (value === undefined ? null : JSON.stringify(value));

/**
 * Records events in one statement per 5,000 (set-based changes record thousands). Raw SQL: this runs in every
 * write, and a plain INSERT costs a fraction of the ORM's per-call work. The chain is sealed at commit (trigger).
 */
export async function recordAuditEvents(tx: Tx, accountId: string, events: AuditEventInput[]): Promise<void> {
  const BATCH = 5000;
  const requestId = currentAuditRequestId() ?? null;
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    await tx.$executeRaw`
      INSERT INTO "AuditEvent" ("accountId", action, "actorType", "actorId", "actorLabel", "targetType", "targetId", "targetLabel", before, after, "requestId")
      SELECT ${accountId}::uuid, v.action, v.actor_type::"ActorType", v.actor_id, v.actor_label, v.target_type, v.target_id, v.target_label,
             v.before::jsonb, v.after::jsonb, v.request_id
      FROM unnest(
        ${batch.map((e) => e.action)}::text[], ${batch.map((e) => e.actor.type)}::text[], ${batch.map((e) => e.actor.id ?? null)}::text[],
        ${batch.map((e) => e.actor.label)}::text[], ${batch.map((e) => e.target?.type ?? null)}::text[], ${batch.map((e) => e.target?.id ?? null)}::text[],
        ${batch.map((e) => e.target?.label ?? null)}::text[], ${batch.map((e) => json(e.before))}::text[], ${batch.map((e) => json(e.after))}::text[],
        ${batch.map((e) => e.requestId ?? requestId)}::text[]
      ) WITH ORDINALITY AS v(action, actor_type, actor_id, actor_label, target_type, target_id, target_label, before, after, request_id, n)
      ORDER BY v.n`;
  }
}
