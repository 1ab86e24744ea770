import { db } from "@/lib/db";

export type ChainVerification =
  | { ok: true; events: number; lastSeq: number }
  | { ok: false; brokenAtSeq: number; eventId: string | null; reason: string };

/**
 * Recomputes an account's audit chain in one pass in the database: every event's hash must cover its own content
 * and the previous event's hash, sequence numbers must have no gaps, the first retained event must follow the
 * retention anchor, and the last must be the chain head. Answers the first broken link.
 */
export async function verifyAuditChain(accountId: string): Promise<ChainVerification> {
  const head = await db.auditChain.findUnique({ where: { accountId } });
  const broken = await db.$queryRaw<{ seq: bigint; id: string; reason: string }[]>`
    SELECT seq, id::text, reason FROM (
      SELECT e.seq, e.id,
        CASE
          WHEN e.hash IS DISTINCT FROM sha256(coalesce(e."prevHash", '\\x'::bytea) || convert_to(audit_event_payload(e, e.seq), 'UTF8'))
            THEN 'its content does not match its hash (the event was altered)'
          WHEN lag(e.seq) OVER w IS NULL AND e.seq <> ${head?.anchorSeq ?? 0n} + 1
            THEN 'events before it are missing'
          WHEN lag(e.seq) OVER w IS NULL AND e."prevHash" IS DISTINCT FROM ${head?.anchorHash ?? null}::bytea
            THEN 'it does not follow the last event removed by retention'
          WHEN lag(e.seq) OVER w IS NOT NULL AND e.seq <> lag(e.seq) OVER w + 1
            THEN 'the event before it is missing'
          WHEN lag(e.seq) OVER w IS NOT NULL AND e."prevHash" IS DISTINCT FROM lag(e.hash) OVER w
            THEN 'it does not follow the event before it'
        END AS reason
      FROM "AuditEvent" e
      WHERE e."accountId" = ${accountId}::uuid AND e.seq IS NOT NULL
      WINDOW w AS (ORDER BY e.seq)
    ) checked
    WHERE reason IS NOT NULL ORDER BY seq LIMIT 1`;
  const first = broken[0];
  if (first) return { ok: false, brokenAtSeq: Number(first.seq), eventId: first.id, reason: first.reason };

  const last = await db.auditEvent.findFirst({ where: { accountId, seq: { not: null } }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const lastSeq = Number(last?.seq ?? head?.anchorSeq ?? 0n);
  if (head && (BigInt(lastSeq) !== head.lastSeq || (last && !Buffer.from(last.hash!).equals(Buffer.from(head.lastHash ?? [])))))
    return { ok: false, brokenAtSeq: lastSeq + 1, eventId: null, reason: "the newest events were removed" };
  const events = await db.auditEvent.count({ where: { accountId, seq: { not: null } } });
  return { ok: true, events, lastSeq };
}
