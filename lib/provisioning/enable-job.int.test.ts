// The enable job: every SSO user under SCIM management, in checkpointed batches; resumable; a rerun changes nothing.
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { userNameKey } from "@/lib/users/user-name";
import { runEnableJob } from "./enable-job";
import { enableProvisioning } from "./lifecycle";

vi.mock("@/lib/jobs/schedule", () => ({ scheduleProvisioningJob: () => Promise.resolve() }));

const admin: AuditActor = { type: "USER", label: "admin@example.test" };

/** An account with `sso` SSO users (every 10th inactive, every 3rd without a name) and one LOCAL administrator. */
async function seedAccount(sso: number) {
  const account = await createAccount();
  await db.user.createMany({
    data: Array.from({ length: sso }, (_, i) => {
      const userName = `Person.${String(i).padStart(5, "0")}@${account.domain}`;
      return { accountId: account.id, userName, userNameKey: userNameKey(userName), name: i % 3 === 0 ? null : `Person ${i}`, active: i % 10 !== 9, source: "SSO" as const };
    }),
  });
  const owner = await createUser(account.id, { email: `owner@${account.domain}`, source: "LOCAL", passwordHash: "argon2-hash" });
  const { jobRunId } = await enableProvisioning(account.id, admin, 0);
  return { account, owner, jobRunId };
}

async function countsOf(accountId: string) {
  const [row] = await db.$queryRaw<{ sso: number; scim: number; local: number; directory: number; linked: number; distinct_linked: number }[]>`
    SELECT (SELECT count(*) FROM "User" WHERE "accountId" = ${accountId}::uuid AND source = 'SSO')::int AS sso,
           (SELECT count(*) FROM "User" WHERE "accountId" = ${accountId}::uuid AND source = 'SCIM')::int AS scim,
           (SELECT count(*) FROM "User" WHERE "accountId" = ${accountId}::uuid AND source = 'LOCAL')::int AS local,
           (SELECT count(*) FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid)::int AS directory,
           (SELECT count("portalUserId") FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid)::int AS linked,
           (SELECT count(DISTINCT "portalUserId") FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid)::int AS distinct_linked`;
  return row!;
}

/** Everything a rerun could touch: row counts and the latest write of each table. */
async function fingerprint(accountId: string) {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT max("updatedAt") FROM "User" WHERE "accountId" = ${accountId}::uuid) AS users_updated,
           (SELECT max("updatedAt") FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid) AS directory_updated,
           (SELECT count(*) FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid)::int AS directory,
           (SELECT count(*) FROM "AuditEvent" WHERE "accountId" = ${accountId}::uuid)::int AS audit,
           (SELECT row_to_json(p) FROM "Provisioning" p WHERE "accountId" = ${accountId}::uuid)::text AS provisioning,
           (SELECT json_agg(j) FROM "JobRun" j WHERE "accountId" = ${accountId}::uuid)::text AS job_runs`;
  return { ...row, counts: await countsOf(accountId) };
}

// 5,000 users per test: generous limits, as the machine may be busy with other suites.
describe("runEnableJob", { timeout: 90_000 }, () => {
  it("brings 5,000 SSO users under SCIM management, one linked directory user each; LOCAL stays LOCAL", async () => {
    const { account, owner, jobRunId } = await seedAccount(5000);
    expect(await runEnableJob(account.id, jobRunId, { batchSize: 1000 })).toBe("succeeded");

    expect(await countsOf(account.id)).toEqual({ sso: 0, scim: 5000, local: 1, directory: 5000, linked: 5000, distinct_linked: 5000 });
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ source: "LOCAL", passwordHash: "argon2-hash" });
    expect(await db.directoryUser.count({ where: { portalUserId: owner.id } })).toBe(0);
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("ENABLED");
    const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", total: 5000, done: 5000, error: null });
    expect(run.finishedAt).toBeInstanceOf(Date);

    // The stored SCIM shape the IdP's first lookups find (userName eq, emails, active, displayName).
    const named = await db.directoryUser.findFirstOrThrow({ where: { accountId: account.id, userNameKey: `person.00001@${account.domain}` } });
    expect(named).toMatchObject({ userName: `Person.00001@${account.domain}`, active: true, emailKeys: [`person.00001@${account.domain}`], version: 1 });
    expect(named.attributes).toEqual({
      userName: `Person.00001@${account.domain}`,
      active: true,
      displayName: "Person 1",
      emails: [{ value: `Person.00001@${account.domain}`, type: "work", primary: true }],
    });
    const unnamedInactive = await db.directoryUser.findFirstOrThrow({ where: { accountId: account.id, userNameKey: `person.00009@${account.domain}` } });
    expect(unnamedInactive.active).toBe(false);
    expect(unnamedInactive.attributes).not.toHaveProperty("displayName");

    // Audit: one summary per batch (with every user id) and the transition.
    const batches = await db.auditEvent.findMany({ where: { accountId: account.id, action: "provisioning.users_taken_over" } });
    expect(batches).toHaveLength(5);
    expect(batches.flatMap((e) => (e.after as { userIds: string[] }).userIds)).toHaveLength(5000);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.enable_completed", actorType: "SYSTEM" } })).toBe(1);
  });

  it("resumes from its checkpoint after a crash, with no duplicates and the right counts", async () => {
    const { account, jobRunId } = await seedAccount(5000);
    const crash = async (done: number) => {
      if (done >= 2000) throw new Error("killed");
      await Promise.resolve();
    };
    await expect(runEnableJob(account.id, jobRunId, { batchSize: 1000, afterBatch: crash })).rejects.toThrow("killed");

    const halfway = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
    expect(halfway).toMatchObject({ status: "RUNNING", done: 2000 });
    expect(halfway.checkpoint).toEqual({ after: `person.01999@${account.domain}` });
    expect(await countsOf(account.id)).toMatchObject({ sso: 3000, scim: 2000, directory: 2000 });
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("ENABLING");

    const progressSeen: number[] = [];
    expect(await runEnableJob(account.id, jobRunId, { batchSize: 1000, afterBatch: (done) => void progressSeen.push(done) })).toBe("succeeded");
    expect(progressSeen).toEqual([3000, 4000, 5000]);
    expect(await countsOf(account.id)).toEqual({ sso: 0, scim: 5000, local: 1, directory: 5000, linked: 5000, distinct_linked: 5000 });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } })).toMatchObject({ status: "SUCCEEDED", done: 5000 });
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.users_taken_over" } })).toBe(5);
  });

  it("a rerun after success changes nothing", async () => {
    const { account, jobRunId } = await seedAccount(300);
    await runEnableJob(account.id, jobRunId, { batchSize: 100 });
    const before = await fingerprint(account.id);
    expect(await runEnableJob(account.id, jobRunId, { batchSize: 100 })).toBe("skipped");
    expect(await fingerprint(account.id)).toEqual(before);
  });

  it("two attempts at once (a retry overlapping a slow worker) still apply each batch once", async () => {
    const { account, jobRunId } = await seedAccount(2000);
    const outcomes = await Promise.all([runEnableJob(account.id, jobRunId, { batchSize: 250 }), runEnableJob(account.id, jobRunId, { batchSize: 250 })]);
    expect(outcomes).toContain("succeeded");
    expect(await countsOf(account.id)).toEqual({ sso: 0, scim: 2000, local: 1, directory: 2000, linked: 2000, distinct_linked: 2000 });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } })).toMatchObject({ status: "SUCCEEDED", done: 2000 });
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.users_taken_over" } })).toBe(8);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.enable_completed" } })).toBe(1);
  });

  it("does not duplicate a user who already had a directory user (linked, or unlinked with the same userName)", async () => {
    const account = await createAccount();
    const linked = await createUser(account.id, { email: `linked@${account.domain}` });
    const unlinked = await createUser(account.id, { email: `Unlinked@${account.domain}` });
    await createUser(account.id, { email: `plain@${account.domain}` });
    await db.directoryUser.create({ data: { accountId: account.id, userName: `linked@${account.domain}`, userNameKey: `linked@${account.domain}`, portalUserId: linked.id } });
    const orphan = await db.directoryUser.create({ data: { accountId: account.id, userName: `UNLINKED@${account.domain}`, userNameKey: `unlinked@${account.domain}` } });
    const { jobRunId } = await enableProvisioning(account.id, admin, 0);
    await runEnableJob(account.id, jobRunId);

    expect(await countsOf(account.id)).toEqual({ sso: 0, scim: 3, local: 0, directory: 3, linked: 3, distinct_linked: 3 });
    expect((await db.directoryUser.findUniqueOrThrow({ where: { id: orphan.id } })).portalUserId).toBe(unlinked.id);
  });

  it("a second pass picks up an SSO user created behind the checkpoint (a sign-in racing the switch)", async () => {
    const { account, jobRunId } = await seedAccount(100);
    let injected = false;
    await runEnableJob(account.id, jobRunId, {
      batchSize: 60,
      afterBatch: async () => {
        if (injected) return;
        injected = true;
        await createUser(account.id, { email: `aaa-late@${account.domain}` }); // sorts before the checkpoint
      },
    });
    expect(await countsOf(account.id)).toMatchObject({ sso: 0, scim: 101, directory: 101 });
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("ENABLED");
  });

  it("stops without changes when the account is not enabling", async () => {
    const account = await createAccount({ provisioningState: "ACTIVE" });
    await createUser(account.id, { email: `sso@${account.domain}` });
    const run = await db.jobRun.create({ data: { accountId: account.id, kind: "provisioning.enable", total: 1 } });
    const before = await fingerprint(account.id);
    expect(await runEnableJob(account.id, run.id)).toBe("skipped");
    expect(await fingerprint(account.id)).toEqual(before);
  });
});
