import { z } from "zod";
import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";

export const AUDIT_RETENTION_DAYS = { min: 30, max: 3650 } as const;
export const SCIM_LOG_RETENTION_DAYS = { min: 1, max: 365 } as const;

const days = (label: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ error: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(min, `${label} must be kept at least ${min} ${min === 1 ? "day" : "days"}.`)
    .max(max, `${label} can be kept at most ${max.toLocaleString("en-GB")} days.`);

export const retentionInput = z.object({
  auditRetentionDays: days("Audit events", AUDIT_RETENTION_DAYS),
  scimLogRetentionDays: days("SCIM requests", SCIM_LOG_RETENTION_DAYS),
});

export type RetentionInput = z.infer<typeof retentionInput>;

export async function getRetentionSettings(accountId: string): Promise<RetentionInput> {
  return db.account.findUniqueOrThrow({ where: { id: accountId }, select: { auditRetentionDays: true, scimLogRetentionDays: true } });
}

/**
 * Changes how long the account keeps audit events and SCIM requests; audited as "account.retention_changed". Takes
 * effect at the next retention run (within 12 hours). Returns false when nothing changed (and writes no event).
 */
export async function updateRetentionSettings(accountId: string, actor: AuditActor, input: RetentionInput): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<(RetentionInput & { name: string })[]>`
      SELECT "auditRetentionDays", "scimLogRetentionDays", name FROM "Account" WHERE id = ${accountId}::uuid FOR UPDATE`;
    const before = rows[0];
    if (!before) throw new Error("Account not found.");
    if (before.auditRetentionDays === input.auditRetentionDays && before.scimLogRetentionDays === input.scimLogRetentionDays) return false;
    await tx.account.update({ where: { id: accountId }, data: input });
    await recordAuditEvent(tx, accountId, {
      action: "account.retention_changed",
      actor,
      target: { type: "account", id: accountId, label: before.name },
      before: { auditRetentionDays: before.auditRetentionDays, scimLogRetentionDays: before.scimLogRetentionDays },
      after: { auditRetentionDays: input.auditRetentionDays, scimLogRetentionDays: input.scimLogRetentionDays },
    });
    return true;
  });
}
