import { db } from "@/lib/db";

/**
 * Removes an account's SCIM request log lines older than `olderThan`, in batches (short transactions, on the
 * (accountId, occurredAt) index). Returns how many.
 */
export async function removeExpiredScimRequests(accountId: string, olderThan: Date, batchSize = 10_000): Promise<number> {
  let removed = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM "ScimRequestLog" WHERE id IN (
        SELECT id FROM "ScimRequestLog" WHERE "accountId" = ${accountId}::uuid AND "occurredAt" < ${olderThan}::timestamptz LIMIT ${batchSize}
      )`;
    removed += count;
    if (count < batchSize) return removed;
  }
}
