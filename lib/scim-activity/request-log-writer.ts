import { db } from "@/lib/db";

export interface ScimRequestRecord {
  accountId: string;
  tokenId: string | null;
  occurredAt: Date;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userAgent: string | null;
  requestId: string;
}

const FLUSH_EVERY_MS = 250;
const FLUSH_AT = 200;
const MAX_BUFFERED = 20_000;

// Requests are buffered and written in batches, off the request's path: a SCIM request pays nothing for its log
// line. A crash can lose the last quarter second of log lines, never a directory change.
const state = globalThis as unknown as { scimLogBuffer?: ScimRequestRecord[]; scimLogTimer?: NodeJS.Timeout; scimLogFlushing?: Promise<void> };

export function logScimRequest(record: ScimRequestRecord): void {
  const buffer = (state.scimLogBuffer ??= []);
  if (buffer.length >= MAX_BUFFERED) buffer.shift(); // the database is down: keep the newest
  buffer.push(record);
  if (buffer.length >= FLUSH_AT) void flushScimRequestLog();
  else state.scimLogTimer ??= setTimeout(() => void flushScimRequestLog(), FLUSH_EVERY_MS);
}

/** Writes what is buffered; safe to call at any time (tests and shutdown call it directly). */
export async function flushScimRequestLog(): Promise<void> {
  if (state.scimLogTimer) clearTimeout(state.scimLogTimer);
  state.scimLogTimer = undefined;
  await state.scimLogFlushing;
  const batch = state.scimLogBuffer?.splice(0) ?? [];
  if (!batch.length) return;
  state.scimLogFlushing = db.scimRequestLog
    .createMany({ data: batch })
    .then(() => undefined)
    .catch((e: unknown) => {
      console.error(`SCIM request log: ${batch.length} lines could not be written`, e);
    });
  await state.scimLogFlushing;
}
