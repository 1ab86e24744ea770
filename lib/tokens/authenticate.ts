import crypto from "node:crypto";
import { PREPARED_STATEMENT, queryRows } from "@/lib/db";
import type { ProvisioningState } from "@/lib/generated/prisma/enums";
import { recordScimTokenUse, type UsedToken } from "./record-token-use";
import { hasValidShape } from "./token-format";
import { hashToken } from "./token-hash";

export type ScimAuthFailure = "missing" | "malformed" | "unknown" | "expired" | "revoked";

export type ScimAuthResult =
  | { ok: true; token: UsedToken; provisioningState: ProvisioningState }
  | { ok: false; reason: ScimAuthFailure };

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1).
const BEARER = /^Bearer(?:\s+(.*))?$/i;

const USE_INTERVAL_MS = 60_000;
const MAX_TRACKED_TOKENS = 10_000;
/** Token id → when this process last wrote its lastUsedAt: spares the database a write per request. */
const lastUseWrites = new Map<string, number>();
const pendingWrites = new Set<Promise<void>>();

interface TokenRow {
  id: string;
  accountId: string;
  name: string;
  secretHash: Uint8Array;
  revoked: boolean;
  expired: boolean;
  neverUsed: boolean;
  recentlyUsed: boolean;
  state: ProvisioningState | null;
}

/** The token check: by the keyed hash ($1), with the account's provisioning state. */
export const TOKEN_BY_HASH_SQL = `${PREPARED_STATEMENT}
  SELECT t."id", t."accountId", t."name", t."secretHash",
         t."revokedAt" IS NOT NULL AS "revoked",
         COALESCE(t."expiresAt" <= now(), false) AS "expired",
         t."lastUsedAt" IS NULL AS "neverUsed",
         COALESCE(t."lastUsedAt" > now() - interval '1 minute', false) AS "recentlyUsed",
         p."state"::text AS "state"
  FROM "ScimToken" t LEFT JOIN "Provisioning" p ON p."accountId" = t."accountId"
  WHERE t."secretHash" = $1`;

/**
 * Authenticates a SCIM request by its Authorization header. Validity is never cached: a revoked or expired token
 * fails on the very next request. One indexed query by hash, after a checksum test that spares the database
 * any lookup for mistyped or made-up tokens.
 */
export async function authenticateScimRequest(authorizationHeader: string | null): Promise<ScimAuthResult> {
  const header = authorizationHeader?.trim();
  if (!header) return { ok: false, reason: "missing" };
  const match = BEARER.exec(header);
  // Another scheme (Basic, ...) presents no bearer credentials at all (RFC 6750 §3.1: no error code then).
  if (!match) return { ok: false, reason: "missing" };
  const token = match[1];
  if (!token || !hasValidShape(token)) return { ok: false, reason: "malformed" };

  const hash = hashToken(token);
  // Prepared and run without the ORM (lib/db.ts queryRows): it runs before every SCIM request.
  const rows = await queryRows<TokenRow>({ text: TOKEN_BY_HASH_SQL, values: [hash] });
  const row = rows[0];
  // The index lookup already matched on equality; the constant-time compare keeps the final check timing-safe.
  if (!row || row.secretHash.length !== hash.length || !crypto.timingSafeEqual(row.secretHash, hash)) {
    return { ok: false, reason: "unknown" };
  }
  if (row.revoked) return { ok: false, reason: "revoked" };
  if (row.expired) return { ok: false, reason: "expired" };

  const used: UsedToken = { id: row.id, accountId: row.accountId, name: row.name };
  if (!row.recentlyUsed) noteUse(used, row.neverUsed);
  return { ok: true, token: used, provisioningState: row.state ?? "OFF" };
}

/** Fire-and-forget lastUsedAt stamp, at most once a minute per token from this process; never an unhandled rejection. */
function noteUse(token: UsedToken, neverUsed: boolean): void {
  const now = Date.now();
  const last = lastUseWrites.get(token.id);
  if (last !== undefined && now - last < USE_INTERVAL_MS) return;
  if (lastUseWrites.size >= MAX_TRACKED_TOKENS) {
    for (const [id, at] of lastUseWrites) if (now - at >= USE_INTERVAL_MS) lastUseWrites.delete(id);
  }
  lastUseWrites.set(token.id, now);
  const write: Promise<void> = recordScimTokenUse(token, neverUsed)
    .then(
      () => undefined,
      (error: unknown) => {
        lastUseWrites.delete(token.id); // let the next request try again
        console.error(`Could not record the use of SCIM token ${token.id}:`, error instanceof Error ? error.message : error);
      },
    )
    .finally(() => pendingWrites.delete(write));
  pendingWrites.add(write);
}

/** Waits for the fire-and-forget lastUsedAt writes in flight (graceful shutdown, tests). */
export async function flushScimTokenUseWrites(): Promise<void> {
  await Promise.all([...pendingWrites]);
}
