import { db } from "@/lib/db";
import { recordAuditEvents, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";

/**
 * Records "scim_token.expired" once for each of the account's tokens that has expired (and was not deleted first),
 * found by the retention job (twice a day). Tokens whose expiry is older than the audit retention are left alone: their
 * event, had it been written, would already have been removed. Returns how many events were written.
 */
export async function recordExpiredScimTokens(accountId: string, now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<{ id: string; name: string; displayHint: string; expiresAt: Date }[]>`
      SELECT t.id::text, t.name, t."displayHint", t."expiresAt"
      FROM "ScimToken" t JOIN "Account" a ON a.id = t."accountId"
      WHERE t."accountId" = ${accountId}::uuid AND t."revokedAt" IS NULL
        AND t."expiresAt" <= ${now}::timestamptz
        AND t."expiresAt" > ${now}::timestamptz - make_interval(days => a."auditRetentionDays")
        AND NOT EXISTS (
          SELECT 1 FROM "AuditEvent" e
          WHERE e."accountId" = t."accountId" AND e."targetId" = t.id::text AND e.action = 'scim_token.expired'
        )
      ORDER BY t."expiresAt"
      FOR UPDATE OF t`;
    await recordAuditEvents(
      tx,
      accountId,
      expired.map((token) => ({
        action: "scim_token.expired",
        actor: SYSTEM_ACTOR,
        target: { type: "scim_token", id: token.id, label: token.name },
        before: { name: token.name, displayHint: token.displayHint, expiresAt: token.expiresAt.toISOString() },
      })),
    );
    return expired.length;
  });
}
