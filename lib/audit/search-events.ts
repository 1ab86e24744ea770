import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActorType } from "@/lib/generated/prisma/enums";
import { containsPattern, decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from "@/lib/keyset-cursor";
import type { AuditFilters } from "./audit-filters";

// The audit log's one query. Pages are keyset-paginated on (occurredAt DESC, id DESC), so page 10,000 costs what
// page 1 costs, and every plan starts from an index that leads with accountId (prisma/schema.prisma):
// - no filter, or a time range: (accountId, occurredAt DESC, id DESC);
// - an event type or a prefix ("provisioning.*"): (accountId, action, occurredAt DESC, id DESC), one index scan per
//   matching event type, merged (a prefix LIKE on that index would have to sort every matching row);
// - an actor: its ids (a user's, a token's) on (accountId, actorId, occurredAt DESC, id DESC), merged likewise;
// - a target id: (accountId, targetId, occurredAt DESC, id DESC);
// - text, and a target or actor given by a label: the trigram index on the expression below (LIKE '%…%').
// PostgreSQL chooses between them when several filters are given.

export const AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 1_000;

/** The indexed text of an event; must stay identical to the expression of "AuditEvent_search_trgm_idx". */
const SEARCH_TEXT = Prisma.sql`lower(coalesce("actorLabel", '') || ' ' || coalesce("targetLabel", '') || ' ' || action)`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Above this many event types or actors, one scan with = ANY beats merging one scan per value. */
const MAX_BRANCHES = 64;

export interface AuditEventSummary {
  id: string;
  seq: number | null;
  occurredAt: Date;
  action: string;
  actorType: ActorType;
  actorId: string | null;
  actorLabel: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  requestId: string | null;
}

export interface AuditEventRecord extends AuditEventSummary {
  before: unknown;
  after: unknown;
}

export interface AuditEventPage<T extends AuditEventSummary = AuditEventSummary> {
  events: T[];
  /** Opaque; pass it back for the next (older) page. Null on the last page. */
  nextCursor: string | null;
}

/**
 * The account's event types, by a skip scan of the (accountId, action, …) index: one index probe per distinct
 * type, whatever the number of events.
 */
export async function listAuditActions(accountId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE actions AS (
      (SELECT action FROM "AuditEvent" WHERE "accountId" = ${accountId}::uuid ORDER BY action LIMIT 1)
      UNION ALL
      SELECT (SELECT e.action FROM "AuditEvent" e WHERE e."accountId" = ${accountId}::uuid AND e.action > a.action ORDER BY e.action LIMIT 1)
      FROM actions a WHERE a.action IS NOT NULL
    )
    SELECT action FROM actions WHERE action IS NOT NULL`;
  return rows.map((r) => r.action).sort();
}

/**
 * The part of a search text the trigram index should look for. The index's cost grows with the number of trigrams in
 * the pattern times the rows its rarest trigram matches: a long text full of common trigrams ("@acme.com", ".test")
 * reads long posting lists for each (over 500 ms at 5,000,000 events), while a short distinctive part finds the few
 * candidate rows in milliseconds; the whole text is then checked on those rows. The guess, measured on the benchmark
 * (scripts/bench/audit.ts): a run of 5 or more digits; else, in an email, the last 4 characters of its local part
 * with the "@"; else the whole text. Only speed depends on the guess, never the result.
 */
export function indexFragment(text: string): string {
  const lower = text.toLowerCase();
  const digits = (lower.match(/\d{5,}/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), "");
  if (digits) return digits;
  const at = lower.indexOf("@");
  if (at >= 2) {
    // The end of the local part: its last trigrams (the one that ends the word above all) are the rare ones; its
    // beginning ("user", "john.") is shared by many addresses.
    const start = Math.max(lower.lastIndexOf(" ", at) + 1, at - 4);
    return lower.slice(start, at + 1);
  }
  return lower;
}

/** "provisioning.*" and "provisioning." are prefixes; anything else is one exact event type. */
export function actionPrefixOf(action: string): string | null {
  if (action.endsWith(".*")) return action.slice(0, -1);
  if (action.endsWith("*")) return action.slice(0, -1);
  if (action.endsWith(".")) return action;
  return null;
}

type Condition = Prisma.Sql;

interface Plan {
  /** Conditions every branch shares (besides the account and the cursor). */
  where: Condition[];
  /** One indexed scan per value, merged; null when the filter does not split. */
  actions: string[] | null;
  actorIds: string[] | null;
}

/** Turns the filters into conditions; null when nothing can match (an unknown prefix, say). */
async function planSearch(accountId: string, filters: AuditFilters): Promise<Plan | null> {
  const where: Condition[] = [];
  if (filters.from) where.push(Prisma.sql`"occurredAt" >= ${filters.from}::timestamptz`);
  if (filters.to) where.push(Prisma.sql`"occurredAt" < ${filters.to}::timestamptz`);

  let actions: string[] | null = null;
  if (filters.action) {
    const prefix = actionPrefixOf(filters.action);
    if (prefix === null) actions = [filters.action];
    else {
      // Prefixes are matched here rather than with LIKE: the result does not depend on the database's collation.
      actions = (await listAuditActions(accountId)).filter((a) => a.startsWith(prefix));
      if (!actions.length) return null;
    }
  }

  let actorIds: string[] | null = null;
  if (filters.actor) {
    const actor = filters.actor;
    if (UUID.test(actor)) actorIds = [actor.toLowerCase()];
    else if (actor.toLowerCase() === "system") where.push(Prisma.sql`"actorType" = 'SYSTEM'`);
    else {
      // A person by email or a token by name: their ids, so that the actorId index answers.
      const key = actor.toLowerCase();
      const ids = await db.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM "User" WHERE "accountId" = ${accountId}::uuid AND "userNameKey" = ${key}
        UNION ALL
        SELECT id::text FROM "ScimToken" WHERE "accountId" = ${accountId}::uuid AND lower(name) = ${key}`;
      if (ids.length) actorIds = ids.map((r) => r.id);
      else where.push(Prisma.sql`${SEARCH_TEXT} LIKE ${containsPattern(indexFragment(actor))}`, Prisma.sql`lower("actorLabel") = ${key}`);
    }
  }

  if (filters.target) {
    const target = filters.target;
    if (UUID.test(target)) where.push(Prisma.sql`"targetId" = ${target.toLowerCase()}`);
    else {
      // A label: the ids of what currently bears it (so that the targetId index answers), and the label itself, which
      // is the target id of a refused sign-in by an unknown person. A label nothing bears any more (a deleted group)
      // falls back to the text index.
      const key = target.toLowerCase();
      const ids = await db.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM "User" WHERE "accountId" = ${accountId}::uuid AND "userNameKey" = ${key}
        UNION ALL SELECT id::text FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid AND "userNameKey" = ${key}
        UNION ALL SELECT id::text FROM "DirectoryGroup" WHERE "accountId" = ${accountId}::uuid AND "displayNameKey" = ${key}
        UNION ALL SELECT id::text FROM "ScimToken" WHERE "accountId" = ${accountId}::uuid AND lower(name) = ${key}
        UNION ALL SELECT id::text FROM "Organization" WHERE "accountId" = ${accountId}::uuid AND lower(name) = ${key}
        UNION ALL SELECT id::text FROM "Project" WHERE "accountId" = ${accountId}::uuid AND lower(name) = ${key}
        UNION ALL SELECT id::text FROM "FederationConnection" WHERE "accountId" = ${accountId}::uuid AND lower(issuer) = ${key}`;
      if (ids.length) where.push(Prisma.sql`"targetId" = ANY(${[...ids.map((r) => r.id), key]}::text[])`);
      else where.push(Prisma.sql`${SEARCH_TEXT} LIKE ${containsPattern(indexFragment(target))}`, Prisma.sql`lower("targetLabel") = ${key}`);
    }
  }

  if (filters.text) {
    const fragment = indexFragment(filters.text);
    where.push(Prisma.sql`${SEARCH_TEXT} LIKE ${containsPattern(fragment)}`);
    // The whole text is checked on the rows the index returns. In the "C" collation the LIKE no longer matches the
    // index (so its many trigrams are not read), yet PostgreSQL still estimates how rare the whole text is and keeps
    // to the index rather than walking the log newest first looking for it.
    if (fragment !== filters.text.toLowerCase()) where.push(Prisma.sql`(${SEARCH_TEXT}) COLLATE "C" LIKE ${containsPattern(filters.text)}`);
  }

  if (actions && actorIds && actions.length * actorIds.length > MAX_BRANCHES) {
    where.push(Prisma.sql`"actorId" = ANY(${actorIds}::text[])`);
    actorIds = null;
  }
  if (actions && actions.length > MAX_BRANCHES) {
    where.push(Prisma.sql`action = ANY(${actions}::text[])`);
    actions = null;
  }
  if (actorIds && actorIds.length > MAX_BRANCHES) {
    where.push(Prisma.sql`"actorId" = ANY(${actorIds}::text[])`);
    actorIds = null;
  }
  return { where, actions, actorIds };
}

const SUMMARY_COLUMNS = Prisma.sql`id, seq, "occurredAt", action, "actorType", "actorId", "actorLabel", "targetType", "targetId", "targetLabel", "requestId"`;
const FULL_COLUMNS = Prisma.sql`${SUMMARY_COLUMNS}, before, after`;

/** A row as PostgreSQL returns it: the summary's columns, with bigint ids. */
interface EventRow extends Omit<AuditEventSummary, "id" | "seq"> {
  id: bigint;
  seq: bigint | null;
  before?: unknown;
  after?: unknown;
}

function pageQuery(accountId: string, plan: Plan, after: KeysetPosition | null, limit: number, full: boolean): Prisma.Sql {
  const columns = full ? FULL_COLUMNS : SUMMARY_COLUMNS;
  const shared = [Prisma.sql`"accountId" = ${accountId}::uuid`, ...plan.where];
  if (after) shared.push(Prisma.sql`("occurredAt", id) < (${after.at}::timestamptz, ${after.id}::bigint)`);
  const branches: Condition[][] = [];
  for (const action of plan.actions ?? [null]) {
    for (const actorId of plan.actorIds ?? [null]) {
      const own: Condition[] = [];
      if (action !== null) own.push(Prisma.sql`action = ${action}`);
      if (actorId !== null) own.push(Prisma.sql`"actorId" = ${actorId}`);
      branches.push([...shared, ...own]);
    }
  }
  const order = Prisma.sql`ORDER BY "occurredAt" DESC, id DESC LIMIT ${limit}`;
  const select = (conditions: Condition[]) => Prisma.sql`SELECT ${columns} FROM "AuditEvent" WHERE ${Prisma.join(conditions, " AND ")} ${order}`;
  if (branches.length === 1) return select(branches[0]!);
  // Each branch reads at most `limit` rows from its own index range; the merge sorts at most branches × limit.
  const union = Prisma.join(branches.map((conditions) => Prisma.sql`(${select(conditions)})`), " UNION ALL ");
  return Prisma.sql`SELECT * FROM (${union}) merged ${order}`;
}

function toSummary(row: EventRow): AuditEventSummary {
  return {
    id: row.id.toString(),
    seq: row.seq === null ? null : Number(row.seq),
    occurredAt: row.occurredAt,
    action: row.action,
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    requestId: row.requestId,
  };
}

const pageSize = (limit: number) => Math.min(Math.max(1, Math.floor(limit) || AUDIT_PAGE_SIZE), MAX_AUDIT_PAGE_SIZE);

/**
 * The statement a search runs (one row more than the page, which tells whether another page follows); null when
 * nothing can match. Exported for the benchmark's EXPLAIN.
 */
export async function buildAuditSearchQuery(accountId: string, filters: AuditFilters, cursor: string | null | undefined, limit: number, full = false): Promise<Prisma.Sql | null> {
  const plan = await planSearch(accountId, filters);
  return plan ? pageQuery(accountId, plan, decodeKeysetCursor(cursor), pageSize(limit) + 1, full) : null;
}

async function searchPage(accountId: string, filters: AuditFilters, cursor: string | null | undefined, limit: number, full: boolean) {
  const size = pageSize(limit);
  const query = await buildAuditSearchQuery(accountId, filters, cursor, size, full);
  if (!query) return { rows: [] as EventRow[], nextCursor: null };
  const rows = await db.$queryRaw<EventRow[]>(query);
  const more = rows.length > size;
  const page = more ? rows.slice(0, size) : rows;
  const last = page.at(-1);
  return { rows: page, nextCursor: more && last ? encodeKeysetCursor({ at: last.occurredAt, id: last.id }) : null };
}

/** One page of the account's audit events, newest first. */
export async function searchAuditEvents(accountId: string, filters: AuditFilters, cursor?: string | null, limit = AUDIT_PAGE_SIZE): Promise<AuditEventPage> {
  const { rows, nextCursor } = await searchPage(accountId, filters, cursor, limit, false);
  return { events: rows.map(toSummary), nextCursor };
}

/** The same page with each event's before and after (for exports). */
export async function searchAuditEventRecords(
  accountId: string,
  filters: AuditFilters,
  cursor?: string | null,
  limit = AUDIT_PAGE_SIZE,
): Promise<AuditEventPage<AuditEventRecord>> {
  const { rows, nextCursor } = await searchPage(accountId, filters, cursor, limit, true);
  return { events: rows.map((row) => ({ ...toSummary(row), before: row.before ?? null, after: row.after ?? null })), nextCursor };
}

export interface AuditEventDetail extends AuditEventRecord {
  hash: string | null;
  prevHash: string | null;
}

/** One event of the account with its before and after; null when it does not exist in this account. */
export async function getAuditEvent(accountId: string, id: string): Promise<AuditEventDetail | null> {
  if (!/^\d{1,19}$/.test(id)) return null;
  const row = await db.auditEvent.findFirst({ where: { id: BigInt(id), accountId } });
  if (!row) return null;
  const hex = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString("hex") : null);
  return {
    ...toSummary(row),
    before: row.before ?? null,
    after: row.after ?? null,
    hash: hex(row.hash),
    prevHash: hex(row.prevHash),
  };
}

/** The events a request caused (they share its requestId), oldest first. */
export async function auditEventsOfRequest(accountId: string, requestId: string, limit = 200): Promise<AuditEventSummary[]> {
  const rows = await db.auditEvent.findMany({
    where: { accountId, requestId },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, seq: true, occurredAt: true, action: true, actorType: true, actorId: true, actorLabel: true, targetType: true, targetId: true, targetLabel: true, requestId: true },
  });
  return rows.map(toSummary);
}
