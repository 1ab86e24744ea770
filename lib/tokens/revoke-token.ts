import { db, type Tx } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, ScimTokenError } from "./errors";
import { TOKEN_SUMMARY_SELECT, type ScimTokenSummary } from "./list-tokens";

export interface RevokeScimTokenInput {
  accountId: string;
  tokenId: string;
  actor: AuditActor;
  requestId?: string;
}

/**
 * Revokes a token: it fails from the very next request. The row stays (revokedAt set) for the audit trail.
 * A token of another account, or one already revoked, is "not found".
 */
export async function revokeScimToken(input: RevokeScimTokenInput): Promise<ScimTokenSummary> {
  if (!isUuid(input.tokenId) || !isUuid(input.accountId)) throw new ScimTokenError("not-found", "Token not found.");
  return db.$transaction(async (tx) => {
    const [token] = await tx.scimToken.updateManyAndReturn({
      where: { id: input.tokenId, accountId: input.accountId, revokedAt: null },
      data: { revokedAt: new Date() },
      select: TOKEN_SUMMARY_SELECT,
    });
    if (!token) throw new ScimTokenError("not-found", "Token not found.");
    await recordAuditEvent(tx, input.accountId, {
      action: "scim_token.revoked",
      actor: input.actor,
      target: { type: "scim_token", id: token.id, label: token.name },
      before: { name: token.name, displayHint: token.displayHint },
      requestId: input.requestId,
    });
    return token;
  });
}

/** Revokes every token of the account (turning provisioning off), one audit event per token. Returns how many. */
export async function revokeAllScimTokens(tx: Tx, accountId: string, actor: AuditActor): Promise<number> {
  const tokens = await tx.scimToken.updateManyAndReturn({
    where: { accountId, revokedAt: null },
    data: { revokedAt: new Date() },
    select: { id: true, name: true, displayHint: true },
  });
  for (const token of tokens) {
    await recordAuditEvent(tx, accountId, {
      action: "scim_token.revoked",
      actor,
      target: { type: "scim_token", id: token.id, label: token.name },
      before: { name: token.name, displayHint: token.displayHint },
    });
  }
  return tokens.length;
}
