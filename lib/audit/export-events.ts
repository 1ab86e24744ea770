import { db } from "@/lib/db";
import type { AuditFilters } from "./audit-filters";
import { csvRow } from "./csv";
import { recordAuditEvent, type AuditActor } from "./record-audit-event";
import { searchAuditEventRecords, type AuditEventRecord } from "./search-events";

// Exports stream: each pull of the stream reads the next batch with the page's own keyset query, so memory holds
// one batch whatever the number of events, and a client that reads slowly slows the reads down (backpressure).
// Events written during an export are newer than its first page and are not included: no duplicates, no gaps.

export type AuditExportFormat = "csv" | "json";

export const EXPORT_BATCH_SIZE = 1_000;

export const AUDIT_EXPORT_COLUMNS = [
  "id",
  "seq",
  "occurredAt",
  "action",
  "actorType",
  "actorId",
  "actorLabel",
  "targetType",
  "targetId",
  "targetLabel",
  "requestId",
  "before",
  "after",
] as const;

/** One exported event: the same fields in CSV (before/after as JSON text) and JSON. */
export function exportedEvent(event: AuditEventRecord) {
  return {
    id: event.id,
    seq: event.seq,
    occurredAt: event.occurredAt.toISOString(),
    action: event.action,
    actorType: event.actorType,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    targetType: event.targetType,
    targetId: event.targetId,
    targetLabel: event.targetLabel,
    requestId: event.requestId,
    before: event.before,
    after: event.after,
  };
}

function csvLine(event: AuditEventRecord): string {
  const e = exportedEvent(event);
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  return csvRow([e.id, e.seq, e.occurredAt, e.action, e.actorType, e.actorId, e.actorLabel, e.targetType, e.targetId, e.targetLabel, e.requestId, json(e.before), json(e.after)]);
}

/** The account's events matching `filters`, newest first, as a stream of CSV or JSON (an array) text. */
export function exportAuditEvents(
  accountId: string,
  filters: AuditFilters,
  format: AuditExportFormat,
  options: { batchSize?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  let cursor: string | null = null;
  let started = false;
  let written = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          // A byte-order mark so that spreadsheets read the file as UTF-8.
          controller.enqueue(encoder.encode(format === "csv" ? `\uFEFF${csvRow(AUDIT_EXPORT_COLUMNS)}` : "["));
          return;
        }
        const page = await searchAuditEventRecords(accountId, filters, cursor, batchSize);
        let chunk = "";
        for (const event of page.events) {
          if (format === "csv") chunk += csvLine(event);
          else chunk += `${written === 0 ? "\n" : ",\n"}${JSON.stringify(exportedEvent(event))}`;
          written++;
        }
        if (chunk) controller.enqueue(encoder.encode(chunk));
        cursor = page.nextCursor;
        if (cursor === null) {
          if (format === "json") controller.enqueue(encoder.encode(written ? "\n]\n" : "]\n"));
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** "audit-log-acme-20261205-103000.csv" */
export function auditExportFileName(accountSlug: string, format: AuditExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  const slug = accountSlug.replace(/[^a-z0-9-]/gi, "").slice(0, 60) || "account";
  return `audit-log-${slug}-${stamp}.${format}`;
}

/**
 * Records an export as its own event ("audit_log.exported"), committed before the first page is read, so that an
 * export whose filters match it lists it first.
 */
export async function recordAuditExport(
  accountId: string,
  actor: AuditActor,
  details: { fileName: string; format: AuditExportFormat; filters: Record<string, string>; requestId: string },
): Promise<void> {
  await db.$transaction((tx) =>
    recordAuditEvent(tx, accountId, {
      action: "audit_log.exported",
      actor,
      target: { type: "audit_log", id: accountId, label: details.fileName },
      after: { format: details.format, filters: details.filters },
      requestId: details.requestId,
    }),
  );
}
