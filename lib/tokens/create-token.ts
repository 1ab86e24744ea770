import type { Db, Tx } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { ProvisioningState } from "@/lib/generated/prisma/enums";
import { isUuid, ScimTokenError } from "./errors";
import { liveTokenWhere, TOKEN_SUMMARY_SELECT, type ScimTokenSummary } from "./list-tokens";
import { displayHintOf, generateToken } from "./token-format";
import { hashToken } from "./token-hash";

/** Two, so that one can be rotated while the other still works. */
export const MAX_LIVE_TOKENS = 2;
export const MAX_TOKEN_NAME_LENGTH = 100;

export interface CreateScimTokenInput {
  accountId: string;
  name?: string;
  expiresAt?: Date | null;
  actor: AuditActor;
  requestId?: string;
}

export interface CreatedScimToken {
  /** The secret: shown once, never stored. */
  token: string;
  record: ScimTokenSummary;
}

function checkedName(name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  if (!trimmed) return undefined;
  if (trimmed.length > MAX_TOKEN_NAME_LENGTH) {
    throw new ScimTokenError("invalid-name", `A token name may have at most ${MAX_TOKEN_NAME_LENGTH} characters.`);
  }
  // Names are shown in the UI and in audit labels.
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new ScimTokenError("invalid-name", "A token name may not contain control characters.");
  return trimmed;
}

/**
 * Creates a SCIM token for the account and returns its secret once; only the keyed hash is stored. Pass `db` to
 * run in a transaction of its own, or a transaction client to commit or roll back with the caller's.
 */
export async function createScimToken(client: Db | Tx, input: CreateScimTokenInput): Promise<CreatedScimToken> {
  const name = checkedName(input.name);
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt && (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= Date.now())) {
    throw new ScimTokenError("invalid-expiry", "The expiry date must be in the future.");
  }
  if (!isUuid(input.accountId)) throw new ScimTokenError("account-not-found", "Account not found.");

  const run = async (tx: Tx): Promise<CreatedScimToken> => {
    // Serialises token creation per account (the two-token rule under concurrency), and with provisioning
    // transitions, which lock the same row: a reset cannot miss a token created while it runs.
    const rows = await tx.$queryRaw<{ state: ProvisioningState }[]>`
      SELECT "state"::text AS "state" FROM "Provisioning" WHERE "accountId" = ${input.accountId}::uuid FOR UPDATE`;
    const provisioning = rows[0];
    if (!provisioning) throw new ScimTokenError("account-not-found", "Account not found.");
    if (provisioning.state === "RESETTING") {
      throw new ScimTokenError("provisioning-resetting", "Provisioning is being turned off; tokens cannot be created now.");
    }
    const live = await tx.scimToken.count({ where: liveTokenWhere(input.accountId) });
    if (live >= MAX_LIVE_TOKENS) {
      throw new ScimTokenError("limit-reached", `An account can have at most ${MAX_LIVE_TOKENS} tokens; delete one first.`);
    }
    // Numbered over every token ever created, so a default name is never reused in the audit trail.
    const tokenName = name ?? `Token ${(await tx.scimToken.count({ where: { accountId: input.accountId } })) + 1}`;

    const token = generateToken();
    const record = await tx.scimToken.create({
      data: {
        accountId: input.accountId,
        name: tokenName,
        displayHint: displayHintOf(token),
        secretHash: hashToken(token),
        expiresAt,
      },
      select: TOKEN_SUMMARY_SELECT,
    });
    await recordAuditEvent(tx, input.accountId, {
      action: "scim_token.created",
      actor: input.actor,
      target: { type: "scim_token", id: record.id, label: record.name },
      after: { name: record.name, displayHint: record.displayHint, expiresAt: record.expiresAt?.toISOString() ?? null },
      requestId: input.requestId,
    });
    return { token, record };
  };

  // On a transaction client Prisma 7 nests: a savepoint inside the caller's transaction.
  return client.$transaction(run);
}
