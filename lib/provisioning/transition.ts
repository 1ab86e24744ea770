import type { Tx } from "@/lib/db";
import type { ProvisioningState } from "@/lib/generated/prisma/enums";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { TRANSITIONS, type ProvisioningEvent } from "./state-machine";

export class TransitionRefused extends Error {
  constructor(
    readonly event: ProvisioningEvent,
    readonly currentState: ProvisioningState | null,
  ) {
    super(`Provisioning cannot ${event.replaceAll("_", " ")} from ${currentState ?? "no state"}.`);
  }
}

export interface TransitionOptions {
  actor: AuditActor;
  /** The version the caller saw; the transition is refused if anything changed since (a stale page, a double click). */
  expectedVersion?: number;
  /** Recorded with the transition (e.g. why the safety valve paused). */
  reason?: string;
  requestId?: string;
}

/**
 * Applies one row of the transition table with a compare-and-set on (state, version) under a row lock, and audits
 * it in the same transaction. Concurrent or invalid transitions are refused, never half-applied.
 */
export async function transitionProvisioning(tx: Tx, accountId: string, event: ProvisioningEvent, options: TransitionOptions) {
  const rule = TRANSITIONS[event];
  const rows = await tx.$queryRaw<{ state: ProvisioningState; version: number }[]>`
    SELECT state, version FROM "Provisioning" WHERE "accountId" = ${accountId}::uuid FOR UPDATE`;
  const current = rows[0];
  if (!current || !rule.from.includes(current.state) || (options.expectedVersion !== undefined && options.expectedVersion !== current.version)) {
    throw new TransitionRefused(event, current?.state ?? null);
  }
  const paused = rule.to === "PAUSED";
  const updated = await tx.provisioning.update({
    where: { accountId },
    data: {
      state: rule.to,
      version: { increment: 1 },
      pauseReason: paused ? (options.reason ?? "administrator") : null,
      pausedAt: paused ? new Date() : null,
      ...(event === "remove_setup" || event === "reset_completed" ? { scope: null } : {}),
    },
  });
  await recordAuditEvent(tx, accountId, {
    action: `provisioning.${event}`,
    actor: options.actor,
    target: { type: "provisioning", id: accountId },
    before: { state: current.state },
    after: { state: updated.state, ...(options.reason ? { reason: options.reason } : {}) },
    requestId: options.requestId,
  });
  return updated;
}
