import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount } from "@/lib/testing/fixtures";
import { recordAuditEvent, recordAuditEvents, SYSTEM_ACTOR } from "./record-audit-event";
import { removeExpiredAuditEvents } from "./retention";
import { verifyAuditChain } from "./verify-chain";

const event = (n: number) => ({ action: "test.event", actor: SYSTEM_ACTOR, target: { type: "test", id: String(n) }, after: { n, text: "é \" \\ ✓" } });

async function writeEvents(accountId: string, count: number) {
  await Promise.all(Array.from({ length: count }, (_, i) => db.$transaction((tx) => recordAuditEvent(tx, accountId, event(i)))));
}

function expectBroken(result: Awaited<ReturnType<typeof verifyAuditChain>>, seq: number, reason: RegExp) {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.brokenAtSeq).toBe(seq);
    expect(result.reason).toMatch(reason);
  }
}

/** Tampering needs the append-only guard out of the way, as an attacker with database access would. */
async function tamper(sql: () => Promise<unknown>) {
  await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_guard`);
  try {
    await sql();
  } finally {
    await db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER audit_event_guard`);
  }
}

describe("the audit hash chain", () => {
  it("seals concurrent writers into one gapless chain in commit order", async () => {
    const account = await createAccount();
    await writeEvents(account.id, 30);
    await db.$transaction((tx) => recordAuditEvents(tx, account.id, Array.from({ length: 20 }, (_, i) => event(100 + i))));
    const seqs = (await db.auditEvent.findMany({ where: { accountId: account.id }, select: { seq: true }, orderBy: { seq: "asc" } })).map((e) => Number(e.seq));
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await verifyAuditChain(account.id)).toEqual({ ok: true, events: 50, lastSeq: 50 });
  });

  it("writes nothing for a transaction that fails", async () => {
    const account = await createAccount();
    await expect(
      db.$transaction(async (tx) => {
        await recordAuditEvent(tx, account.id, event(1));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count({ where: { accountId: account.id } })).toBe(0);
    expect(await verifyAuditChain(account.id)).toMatchObject({ ok: true, events: 0 });
  });

  it("refuses updates and deletes through the application", async () => {
    const account = await createAccount();
    await writeEvents(account.id, 1);
    const stored = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.id } });
    await expect(db.auditEvent.update({ where: { id: stored.id }, data: { actorLabel: "someone else" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { id: stored.id } })).rejects.toThrow(/append-only/);
  });

  it("points at the first altered event", async () => {
    const account = await createAccount();
    await writeEvents(account.id, 10);
    await tamper(() => db.$executeRaw`UPDATE "AuditEvent" SET after = '{"n": 999}' WHERE "accountId" = ${account.id}::uuid AND seq IN (4, 7)`);
    expectBroken(await verifyAuditChain(account.id), 4, /altered/);
  });

  it("detects an event removed from the middle and from the end", async () => {
    const middle = await createAccount();
    await writeEvents(middle.id, 5);
    await tamper(() => db.$executeRaw`DELETE FROM "AuditEvent" WHERE "accountId" = ${middle.id}::uuid AND seq = 3`);
    expectBroken(await verifyAuditChain(middle.id), 4, /missing/);

    const end = await createAccount();
    await writeEvents(end.id, 5);
    await tamper(() => db.$executeRaw`DELETE FROM "AuditEvent" WHERE "accountId" = ${end.id}::uuid AND seq = 5`);
    expectBroken(await verifyAuditChain(end.id), 5, /newest/);
  });

  it("detects a forged event re-hashed without its predecessor", async () => {
    const account = await createAccount();
    await writeEvents(account.id, 4);
    // Recompute event 2's own hash after changing it, as a forger would; event 3 no longer follows it.
    await tamper(
      () => db.$executeRaw`UPDATE "AuditEvent" e SET after = '{"forged": true}',
        hash = sha256(coalesce(e."prevHash", '\\x'::bytea) || convert_to(audit_event_payload((e.id, e."accountId", e."occurredAt", e.action, e."actorType", e."actorId", e."actorLabel", e."targetType", e."targetId", e."targetLabel", e.before, '{"forged": true}'::jsonb, e."requestId", e.hash, e."prevHash", e.seq)::"AuditEvent", e.seq), 'UTF8'))
        WHERE "accountId" = ${account.id}::uuid AND seq = 2`,
    );
    expectBroken(await verifyAuditChain(account.id), 3, /does not follow/);
  });

  it("retention removes only expired events and leaves a chain that still verifies", async () => {
    const account = await createAccount();
    await writeEvents(account.id, 6);
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    await tamper(() => db.$executeRaw`UPDATE "AuditEvent" SET "occurredAt" = ${old} WHERE "accountId" = ${account.id}::uuid AND seq <= 4`);
    // Re-seal as if those events had been written 40 days ago (the update above changed their content).
    await tamper(() => db.$executeRaw`
      WITH RECURSIVE chain AS (
        SELECT e.id, e.seq, sha256(convert_to(audit_event_payload(e, e.seq), 'UTF8')) AS h FROM "AuditEvent" e WHERE e."accountId" = ${account.id}::uuid AND e.seq = 1
        UNION ALL
        SELECT e.id, e.seq, sha256(chain.h || convert_to(audit_event_payload(e, e.seq), 'UTF8')) FROM "AuditEvent" e JOIN chain ON e.seq = chain.seq + 1 AND e."accountId" = ${account.id}::uuid
      )
      UPDATE "AuditEvent" e SET hash = chain.h, "prevHash" = (SELECT c2.h FROM chain c2 WHERE c2.seq = chain.seq - 1) FROM chain WHERE e.id = chain.id`);
    await db.$executeRaw`UPDATE "AuditChain" SET "lastHash" = (SELECT hash FROM "AuditEvent" WHERE "accountId" = ${account.id}::uuid AND seq = 6) WHERE "accountId" = ${account.id}::uuid`;
    expect((await verifyAuditChain(account.id)).ok).toBe(true);

    const removed = await removeExpiredAuditEvents(account.id, new Date(Date.now() - 30 * 24 * 3600 * 1000), 3);
    expect(removed).toBe(4);
    expect((await db.auditEvent.findMany({ where: { accountId: account.id }, orderBy: { seq: "asc" } })).map((e) => Number(e.seq))).toEqual([5, 6]);
    expect(await verifyAuditChain(account.id)).toEqual({ ok: true, events: 2, lastSeq: 6 });
  });
});
