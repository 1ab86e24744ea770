import pg from "pg";
import { env } from "@/lib/env";
import { redactScimPath, storedScimBodyText } from "./redact";
import { resourceOfRequest } from "./resource-of";

/** What a SCIM request leaves for the activity log: plain values and the raw body texts, nothing parsed yet. */
export interface ScimRequestRecord {
  accountId: string;
  tokenId: string | null;
  occurredAt: Date;
  method: string;
  /** Path and query below /scim/v2. */
  path: string;
  status: number;
  durationMs: number;
  userAgent: string | null;
  requestId: string;
  /** The request body as read (text, unparsed) and whether it was valid JSON, when the request had one. */
  requestBody?: { text: string; json: boolean } | null;
  /** The response body as sent, when it had one. */
  responseText?: string | null;
  /** The Location header of a creation (where the new resource's id is). */
  location?: string | null;
}

const FLUSH_EVERY_MS = 250;
const FLUSH_AT = 200;
const MAX_BUFFERED = 20_000;
/** Raw body text held while waiting for a flush; above it, bodies of new lines are dropped (the lines are kept). */
const MAX_BUFFERED_BODY_CHARS = 32 * 1024 * 1024;

// Requests are buffered and written in batches, off the request's path: a SCIM request pays nothing for its log
// line (no query, no parsing: bodies are redacted and cut to size when the batch is written). A crash can lose the
// last quarter second of log lines, never a directory change.
const state = globalThis as unknown as {
  scimLogBuffer?: ScimRequestRecord[];
  scimLogBufferedChars?: number;
  scimLogTimer?: NodeJS.Timeout;
  scimLogFlushing?: Promise<void>;
  scimLogEnabled?: boolean;
  scimLogPool?: pg.Pool;
};

/** SCIM_ACTIVITY_LOG=off turns the activity log off (read once; the health figures then stay empty too). */
export function scimActivityLogEnabled(): boolean {
  state.scimLogEnabled ??= env().SCIM_ACTIVITY_LOG !== "off";
  return state.scimLogEnabled;
}

/** Overrides SCIM_ACTIVITY_LOG for this process (benchmarks measure with and without); undefined re-reads it. */
export function setScimActivityLogEnabled(enabled: boolean | undefined): void {
  state.scimLogEnabled = enabled;
}

const bodyChars = (record: ScimRequestRecord) => (record.requestBody?.text.length ?? 0) + (record.responseText?.length ?? 0);

export function logScimRequest(record: ScimRequestRecord): void {
  const buffer = (state.scimLogBuffer ??= []);
  if (buffer.length >= MAX_BUFFERED) {
    const dropped = buffer.shift(); // the database is down: keep the newest
    if (dropped) state.scimLogBufferedChars = (state.scimLogBufferedChars ?? 0) - bodyChars(dropped);
  }
  const held = state.scimLogBufferedChars ?? 0;
  const kept = held + bodyChars(record) > MAX_BUFFERED_BODY_CHARS ? { ...record, requestBody: null, responseText: null } : record;
  state.scimLogBufferedChars = held + bodyChars(kept);
  buffer.push(kept);
  if (buffer.length >= FLUSH_AT) void flushScimRequestLog();
  else state.scimLogTimer ??= setTimeout(() => void flushScimRequestLog(), FLUSH_EVERY_MS);
}

/** One row of "ScimRequestLog": the record's plain values, the bodies as JSON text (redacted, cut to size). */
export interface ScimRequestLogRow extends Omit<ScimRequestRecord, "requestBody" | "responseText" | "location"> {
  resourceType: string | null;
  resourceId: string | null;
  requestBody: string | null;
  responseBody: string | null;
}

/** The row of one request: redacted, truncated bodies and the resource it concerned. */
export function toScimRequestLogRow(record: ScimRequestRecord): ScimRequestLogRow {
  const resource = resourceOfRequest(record.path, record.location ?? null);
  let requestBody: string | null = null;
  let responseBody: string | null = null;
  try {
    requestBody = storedScimBodyText(record.requestBody?.text, record.requestBody?.json ?? false);
    responseBody = storedScimBodyText(record.responseText, true);
  } catch (e) {
    // A body that cannot be processed costs its own bodies only, never the batch (or the log line).
    console.error(`SCIM request log: the bodies of request ${record.requestId} could not be kept`, e);
  }
  return {
    accountId: record.accountId,
    tokenId: record.tokenId,
    occurredAt: record.occurredAt,
    method: record.method,
    path: redactScimPath(record.path),
    status: record.status,
    durationMs: record.durationMs,
    userAgent: record.userAgent,
    requestId: record.requestId,
    resourceType: resource.type,
    resourceId: resource.id,
    requestBody,
    responseBody,
  };
}

/**
 * The writer's own two connections. Not the Prisma client: a batch carries up to 200 bodies of up to 64 KiB, and
 * passing them as plain text parameters of one INSERT (no array literal to escape, no serialization layer) keeps the
 * writer's CPU per line in microseconds. PostgreSQL parses the JSON text into jsonb.
 */
function pool(): pg.Pool {
  if (!state.scimLogPool) {
    const created = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: 2,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      application_name: "portal-scim-log",
      // The log may lose its last lines in a crash anyway (they are buffered); its commits need not wait for the disk.
      options: "-c synchronous_commit=off",
    });
    created.on("error", (e) => console.error("SCIM request log: database connection lost", e.message));
    state.scimLogPool = created;
  }
  return state.scimLogPool;
}

const COLUMNS = `"accountId", "tokenId", "occurredAt", method, path, status, "durationMs", "userAgent", "requestId", "resourceType", "resourceId", "requestBody", "responseBody"`;
const TYPES = ["uuid", "uuid", "timestamptz", "text", "text", "int", "int", "text", "text", "text", "text", "jsonb", "jsonb"];

/** One multi-row INSERT per batch. */
async function insertRows(rows: ScimRequestLogRow[]): Promise<void> {
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const r of rows) {
    const base = values.length;
    values.push(r.accountId, r.tokenId, r.occurredAt, r.method, r.path, r.status, r.durationMs, r.userAgent, r.requestId, r.resourceType, r.resourceId, r.requestBody, r.responseBody);
    tuples.push(`(${TYPES.map((type, i) => `$${base + i + 1}::${type}`).join(", ")})`);
  }
  await pool().query(`INSERT INTO "ScimRequestLog" (${COLUMNS}) VALUES ${tuples.join(", ")}`, values);
}

/** Ends the writer's connections (after a last flush): tests and shutdown. */
export async function closeScimRequestLog(): Promise<void> {
  await flushScimRequestLog();
  const open = state.scimLogPool;
  state.scimLogPool = undefined;
  await open?.end().catch(() => {});
}

/** Writes what is buffered; safe to call at any time (tests and shutdown call it directly). */
export async function flushScimRequestLog(): Promise<void> {
  if (state.scimLogTimer) clearTimeout(state.scimLogTimer);
  state.scimLogTimer = undefined;
  await state.scimLogFlushing;
  const batch = state.scimLogBuffer?.splice(0) ?? [];
  state.scimLogBufferedChars = 0;
  if (!batch.length) return;
  state.scimLogFlushing = Promise.resolve()
    .then(() => insertRows(batch.map(toScimRequestLogRow)))
    .catch((e: unknown) => {
      console.error(`SCIM request log: ${batch.length} lines could not be written`, e);
    });
  await state.scimLogFlushing;
}
