import { db } from "@/lib/db";
import { removeExpiredAuditEvents } from "@/lib/audit/retention";
import { removeExpiredScimRequests } from "@/lib/scim-activity/retention";
import { recordExpiredScimTokens } from "@/lib/tokens/record-token-expiry";

// The retention run, twice a day (queued by the worker: worker.ts, schedule.ts): for every account, audit events older than
// Account.auditRetentionDays go (the chain stays verifiable: lib/audit/retention.ts), SCIM request log lines older
// than Account.scimLogRetentionDays go, and tokens that expired since the last run get their audit event.

export interface RetentionSummary {
  accounts: number;
  auditEventsRemoved: number;
  scimRequestsRemoved: number;
  tokensExpired: number;
  failedAccounts: string[];
}

const DAY_MS = 86_400_000;
const ACCOUNT_BATCH = 500;

export async function runRetention(options: { now?: Date; accountIds?: string[] } = {}): Promise<RetentionSummary> {
  const now = options.now ?? new Date();
  const summary: RetentionSummary = { accounts: 0, auditEventsRemoved: 0, scimRequestsRemoved: 0, tokensExpired: 0, failedAccounts: [] };
  let after: string | undefined;
  for (;;) {
    const accounts = await db.account.findMany({
      where: { id: { ...(after ? { gt: after } : {}), ...(options.accountIds ? { in: options.accountIds } : {}) } },
      orderBy: { id: "asc" },
      take: ACCOUNT_BATCH,
      select: { id: true, auditRetentionDays: true, scimLogRetentionDays: true },
    });
    for (const account of accounts) {
      summary.accounts++;
      try {
        summary.tokensExpired += await recordExpiredScimTokens(account.id, now);
        summary.auditEventsRemoved += await removeExpiredAuditEvents(account.id, new Date(now.getTime() - account.auditRetentionDays * DAY_MS));
        summary.scimRequestsRemoved += await removeExpiredScimRequests(account.id, new Date(now.getTime() - account.scimLogRetentionDays * DAY_MS));
      } catch (error) {
        // One account's failure must not keep the others' data past its retention.
        summary.failedAccounts.push(account.id);
        console.error(`[jobs] retention of account ${account.id} failed:`, error instanceof Error ? error.message : error);
      }
    }
    const last = accounts.at(-1);
    if (!last || accounts.length < ACCOUNT_BATCH) return summary;
    after = last.id;
  }
}
