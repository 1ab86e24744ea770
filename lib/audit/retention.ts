import { db } from "@/lib/db";

/**
 * Removes an account's audit events older than `olderThan`, oldest first, keeping the chain verifiable: the hash of
 * the last removed event becomes the anchor the first remaining event must follow. Batches keep transactions short.
 */
export async function removeExpiredAuditEvents(accountId: string, olderThan: Date, batchSize = 10_000): Promise<number> {
  let removed = 0;
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      // Only a prefix of the chain can go: stop at the first event that is not expired.
      const rows = await tx.$queryRaw<{ seq: bigint; hash: Uint8Array }[]>`
        SELECT seq, hash FROM "AuditEvent"
        WHERE "accountId" = ${accountId}::uuid AND seq IS NOT NULL
          AND seq < COALESCE((SELECT min(seq) FROM "AuditEvent" WHERE "accountId" = ${accountId}::uuid AND seq IS NOT NULL AND "occurredAt" >= ${olderThan}), 9223372036854775807)
        ORDER BY seq LIMIT ${batchSize}`;
      const last = rows.at(-1);
      if (!last) return 0;
      await tx.$executeRaw`SELECT set_config('audit.allow_delete', 'on', true)`;
      await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "accountId" = ${accountId}::uuid AND seq <= ${last.seq}`;
      await tx.$executeRaw`UPDATE "AuditChain" SET "anchorSeq" = ${last.seq}, "anchorHash" = ${Buffer.from(last.hash)} WHERE "accountId" = ${accountId}::uuid`;
      return rows.length;
    });
    removed += count;
    if (count < batchSize) return removed;
  }
}
