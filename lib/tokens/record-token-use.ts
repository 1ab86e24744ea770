import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";

export interface UsedToken {
  id: string;
  accountId: string;
  name: string;
}

export type TokenUseOutcome = "first-use" | "updated" | "skipped";

/**
 * Stamps lastUsedAt, at most once a minute per token across all app instances (the condition is in the UPDATE).
 * The first use is audited exactly once: of concurrent first requests, only the one whose UPDATE still finds
 * lastUsedAt NULL gets a row back (the others wait on the row lock, then re-check and match nothing).
 */
export async function recordScimTokenUse(token: UsedToken, neverUsed: boolean): Promise<TokenUseOutcome> {
  if (neverUsed) {
    const first = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "ScimToken" SET "lastUsedAt" = now() WHERE "id" = ${token.id}::uuid AND "lastUsedAt" IS NULL RETURNING "id"`;
      if (rows.length === 0) return false;
      await recordAuditEvent(tx, token.accountId, {
        action: "scim_token.first_used",
        actor: { type: "SCIM_TOKEN", id: token.id, label: token.name },
        target: { type: "scim_token", id: token.id, label: token.name },
      });
      return true;
    });
    if (first) return "first-use";
  }
  const updated = await db.$executeRaw`
    UPDATE "ScimToken" SET "lastUsedAt" = now()
    WHERE "id" = ${token.id}::uuid AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')`;
  return updated > 0 ? "updated" : "skipped";
}
