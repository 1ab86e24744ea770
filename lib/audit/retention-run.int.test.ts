// The daily retention run: per account, audit events and SCIM request log lines older than the account's settings
// go, nothing else does, and the audit chain still verifies. Queued once per 12-hour slot across instances.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBoss } from "@/lib/jobs/boss";
import { runRetention } from "@/lib/jobs/retention";
import { sendRetentionJob } from "@/lib/jobs/schedule";
import { createAccount } from "@/lib/testing/fixtures";
import { verifyAuditChain } from "./verify-chain";

const DAY = 86_400_000;
const NOW = new Date();
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

/** Events written at the given ages, oldest first, each age in a transaction of its own (so in chain order). */
async function writeEvents(accountId: string, ages: number[]) {
  for (const age of ages) {
    await db.auditEvent.create({
      data: { accountId, occurredAt: daysAgo(age), action: "test.event", actorType: "SYSTEM", actorLabel: "system", after: { age } },
    });
  }
}

async function writeRequests(accountId: string, ages: number[]) {
  await db.scimRequestLog.createMany({
    data: ages.map((age) => ({ accountId, occurredAt: daysAgo(age), method: "GET", path: "/Users", status: 200, durationMs: 1, requestId: crypto.randomUUID(), responseBody: { age } })),
  });
}

const ages = async (accountId: string) => ({
  events: (await db.auditEvent.findMany({ where: { accountId }, orderBy: { seq: "asc" } })).map((e) => (e.after as { age: number }).age),
  requests: (await db.scimRequestLog.findMany({ where: { accountId }, orderBy: { occurredAt: "asc" } })).map((r) => (r.responseBody as { age: number }).age),
});

describe("runRetention", () => {
  it("removes only what is older than each account's settings, and the chains still verify", async () => {
    const short = await createAccount();
    await db.account.update({ where: { id: short.id }, data: { auditRetentionDays: 30, scimLogRetentionDays: 7 } });
    const defaults = await createAccount(); // 365 days of audit, 30 days of SCIM requests
    for (const account of [short, defaults]) {
      await writeEvents(account.id, [400, 40, 31, 29, 1, 0]);
      await writeRequests(account.id, [40, 31, 8, 6, 0]);
    }
    for (const account of [short, defaults]) expect((await verifyAuditChain(account.id)).ok).toBe(true);

    const summary = await runRetention({ now: NOW, accountIds: [short.id, defaults.id] });
    expect(summary).toEqual({ accounts: 2, auditEventsRemoved: 3 + 1, scimRequestsRemoved: 3 + 2, tokensExpired: 0, failedAccounts: [] });

    expect(await ages(short.id)).toEqual({ events: [29, 1, 0], requests: [6, 0] });
    expect(await ages(defaults.id)).toEqual({ events: [40, 31, 29, 1, 0], requests: [8, 6, 0] });
    expect(await verifyAuditChain(short.id)).toMatchObject({ ok: true, events: 3, lastSeq: 6 });
    expect(await verifyAuditChain(defaults.id)).toMatchObject({ ok: true, events: 5, lastSeq: 6 });

    // A second run finds nothing left to do; new events keep chaining after the removed ones.
    expect(await runRetention({ now: NOW, accountIds: [short.id, defaults.id] })).toMatchObject({ auditEventsRemoved: 0, scimRequestsRemoved: 0 });
    await writeEvents(short.id, [0]);
    expect(await verifyAuditChain(short.id)).toMatchObject({ ok: true, events: 4, lastSeq: 7 });
  });

  it("records the expiry of tokens that expired since the last run", async () => {
    const account = await createAccount();
    const token = await db.scimToken.create({
      data: { accountId: account.id, name: "Old", displayHint: "abcd", secretHash: crypto.randomBytes(32), expiresAt: daysAgo(1) },
    });
    const summary = await runRetention({ now: NOW, accountIds: [account.id] });
    expect(summary.tokensExpired).toBe(1);
    expect(await db.auditEvent.findFirst({ where: { accountId: account.id, action: "scim_token.expired" } })).toMatchObject({ targetId: token.id });
  });
});

describe("the retention job", () => {
  it("is queued once per slot whichever instance offers it", async () => {
    const boss = await createBoss(process.env.DATABASE_URL!);
    const other = await createBoss(process.env.DATABASE_URL!);
    try {
      const first = await sendRetentionJob(boss);
      expect(first).toEqual(expect.any(String));
      expect(await sendRetentionJob(other)).toBeNull();
      expect(await sendRetentionJob(boss)).toBeNull();
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await other.stop({ graceful: false, wait: true });
    }
  });
});
