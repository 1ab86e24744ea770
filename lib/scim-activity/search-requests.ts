import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditEventsOfRequest, type AuditEventSummary } from "@/lib/audit/search-events";
import { containsPattern, decodeKeysetCursor, encodeKeysetCursor } from "@/lib/keyset-cursor";
import { identityProviderOf } from "./health";
import type { ScimRequestFilters } from "./request-filters";

// The SCIM activity log: keyset pages (occurredAt DESC, id DESC) of the account's requests, on the indexes that
// lead with accountId: (accountId, occurredAt), (accountId, status, occurredAt) for status filters and
// (accountId, resourceId, occurredAt) for one resource or one user.

export const SCIM_REQUESTS_PAGE_SIZE = 50;

export interface ScimRequestSummary {
  id: string;
  occurredAt: Date;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userAgent: string | null;
  identityProvider: string;
  tokenId: string | null;
  requestId: string;
  resourceType: string | null;
  resourceId: string | null;
}

interface Row {
  id: bigint;
  occurredAt: Date;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userAgent: string | null;
  tokenId: string | null;
  requestId: string;
  resourceType: string | null;
  resourceId: string | null;
}

const STATUS_RANGES = { "2xx": [200, 300], "3xx": [300, 400], "4xx": [400, 500], "5xx": [500, 600] } as const;

/**
 * The directory ids a userName has had: the current directory user's, and any the IdP deleted (found through the
 * audit events that recorded their creation), so that a removed user's requests can still be found.
 */
async function directoryUserIds(accountId: string, userName: string): Promise<string[]> {
  const key = userName.toLowerCase();
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid AND "userNameKey" = ${key}
    UNION
    SELECT "targetId" FROM "AuditEvent"
    WHERE "accountId" = ${accountId}::uuid AND action = 'directory.user.created' AND "targetId" IS NOT NULL
      AND lower(coalesce("actorLabel", '') || ' ' || coalesce("targetLabel", '') || ' ' || action) LIKE ${containsPattern(userName)}
      AND lower("targetLabel") = ${key}`;
  return rows.map((r) => r.id);
}

function toSummary(row: Row): ScimRequestSummary {
  return { ...row, id: row.id.toString(), identityProvider: identityProviderOf(row.userAgent) };
}

/** One page of the account's SCIM requests, newest first. */
export async function searchScimRequests(
  accountId: string,
  filters: ScimRequestFilters,
  cursor?: string | null,
  limit = SCIM_REQUESTS_PAGE_SIZE,
): Promise<{ requests: ScimRequestSummary[]; nextCursor: string | null }> {
  const size = Math.min(Math.max(1, Math.floor(limit) || SCIM_REQUESTS_PAGE_SIZE), 1_000);
  const where: Prisma.Sql[] = [Prisma.sql`"accountId" = ${accountId}::uuid`];
  if (filters.statusClass) {
    const [low, high] = STATUS_RANGES[filters.statusClass];
    where.push(Prisma.sql`status >= ${low} AND status < ${high}`);
  }
  if (filters.errorsOnly) where.push(Prisma.sql`status >= 400`);
  if (filters.resourceType) where.push(Prisma.sql`"resourceType" = ${filters.resourceType}`);
  if (filters.resourceId) where.push(Prisma.sql`"resourceId" = ${filters.resourceId}`);
  if (filters.userName) {
    const ids = await directoryUserIds(accountId, filters.userName);
    if (!ids.length) return { requests: [], nextCursor: null };
    where.push(Prisma.sql`"resourceId" = ANY(${ids}::text[])`);
  }
  if (filters.from) where.push(Prisma.sql`"occurredAt" >= ${filters.from}::timestamptz`);
  if (filters.to) where.push(Prisma.sql`"occurredAt" < ${filters.to}::timestamptz`);
  const after = decodeKeysetCursor(cursor);
  if (after) where.push(Prisma.sql`("occurredAt", id) < (${after.at}::timestamptz, ${after.id}::bigint)`);

  const rows = await db.$queryRaw<Row[]>`
    SELECT id, "occurredAt", method, path, status, "durationMs", "userAgent", "tokenId"::text AS "tokenId", "requestId", "resourceType", "resourceId"
    FROM "ScimRequestLog" WHERE ${Prisma.join(where, " AND ")}
    ORDER BY "occurredAt" DESC, id DESC LIMIT ${size + 1}`;
  const more = rows.length > size;
  const page = more ? rows.slice(0, size) : rows;
  const last = page.at(-1);
  return { requests: page.map(toSummary), nextCursor: more && last ? encodeKeysetCursor({ at: last.occurredAt, id: last.id }) : null };
}

export interface ScimRequestDetail extends ScimRequestSummary {
  requestBody: unknown;
  responseBody: unknown;
  token: { id: string; name: string; displayHint: string; revoked: boolean } | null;
  /** The directory and portal changes the request caused: the audit events that share its requestId. */
  changes: AuditEventSummary[];
}

/** One request of the account with its bodies, its token and the changes it caused; null when not in this account. */
export async function getScimRequest(accountId: string, id: string): Promise<ScimRequestDetail | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const row = await db.scimRequestLog.findFirst({ where: { id: BigInt(id), accountId } });
  if (!row) return null;
  const [token, changes] = await Promise.all([
    row.tokenId
      ? db.scimToken.findFirst({ where: { id: row.tokenId, accountId }, select: { id: true, name: true, displayHint: true, revokedAt: true } })
      : null,
    auditEventsOfRequest(accountId, row.requestId),
  ]);
  return {
    ...toSummary(row),
    requestBody: row.requestBody ?? null,
    responseBody: row.responseBody ?? null,
    token: token ? { id: token.id, name: token.name, displayHint: token.displayHint, revoked: token.revokedAt !== null } : null,
    changes,
  };
}

/** The request that caused an audit event (they share the requestId), for links from the audit log. */
export async function scimRequestIdOfAuditEvent(accountId: string, requestId: string, occurredAt: Date): Promise<string | null> {
  // No index on requestId: the request started shortly before its events, so the time index narrows the search.
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM "ScimRequestLog"
    WHERE "accountId" = ${accountId}::uuid AND "requestId" = ${requestId}
      AND "occurredAt" BETWEEN ${occurredAt}::timestamptz - interval '10 minutes' AND ${occurredAt}::timestamptz + interval '1 minute'
    LIMIT 1`;
  return rows[0]?.id.toString() ?? null;
}
