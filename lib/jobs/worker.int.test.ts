// The provisioning jobs through pg-boss for real: two app instances (two bosses with workers) on one database,
// duplicate scheduling, and the recovery sweep.
import type PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { enableProvisioning, turnOffProvisioning } from "@/lib/provisioning/lifecycle";
import { transitionProvisioning } from "@/lib/provisioning/transition";
import { createBoss, PROVISIONING_QUEUES, stopBoss } from "./boss";
import { PROVISIONING_JOB_KINDS } from "./job-runs";
import { runLockKey, withRunLock } from "./run-lock";
import { sendProvisioningJob } from "./schedule";
import { recoverProvisioningJobs, startJobWorker } from "./worker";

const admin: AuditActor = { type: "USER", label: "admin@example.test" };
const url = () => process.env.DATABASE_URL!;
const bosses: PgBoss[] = [];

afterAll(async () => {
  for (const boss of bosses) await boss.stop({ graceful: false, wait: true });
  await stopBoss(); // the one enableProvisioning queued through
});

async function newBoss(): Promise<PgBoss> {
  const boss = await createBoss(url());
  bosses.push(boss);
  return boss;
}

async function accountWithUsers(n: number) {
  const account = await createAccount();
  for (let i = 0; i < n; i++) await createUser(account.id, { email: `user${i}@${account.domain}` });
  return account;
}

/** The state the process leaves when it dies between the transition's commit and queueing the job. */
async function enablingWithoutJob(accountId: string): Promise<string> {
  return db.$transaction(async (tx) => {
    await transitionProvisioning(tx, accountId, "enable", { actor: admin, expectedVersion: 0 });
    const run = await tx.jobRun.create({ data: { accountId, kind: PROVISIONING_JOB_KINDS.enable, total: await tx.user.count({ where: { accountId } }) } });
    return run.id;
  });
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const jobState = async (boss: PgBoss, jobRunId: string) => (await boss.getJobById(PROVISIONING_QUEUES.enable, jobRunId))?.state ?? null;

describe("before any worker runs: the recovery sweep", () => {
  let sender: PgBoss;
  let recovered: { accountId: string; jobRunId: string };

  it("queues the job of an account left ENABLING with an unfinished run, once", async () => {
    sender = await newBoss();
    const account = await accountWithUsers(20);
    const jobRunId = await enablingWithoutJob(account.id);
    recovered = { accountId: account.id, jobRunId };
    expect(await jobState(sender, jobRunId)).toBeNull();

    expect(await recoverProvisioningJobs(sender)).toEqual([{ jobRunId, action: "queued" }]);
    expect(await jobState(sender, jobRunId)).toBe("created");
    // A second sweep (or another instance's) adds nothing.
    expect(await recoverProvisioningJobs(sender)).toEqual([{ jobRunId, action: "waiting" }]);
    expect(await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE singleton_key = ${`enable:${account.id}`}`).toEqual([{ n: 1 }]);
  });

  it("releases an active job whose worker died (its run lock is free), but not one whose worker is alive", async () => {
    // A worker took the job and then vanished: fetched, never completed.
    const [job] = await sender.fetch(PROVISIONING_QUEUES.enable);
    expect(job?.id).toBe(recovered.jobRunId);

    let release!: () => void;
    let acquired!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const locked = new Promise<void>((resolve) => (acquired = resolve));
    const holding = withRunLock(url(), runLockKey("enable", recovered.accountId), () => {
      acquired();
      return held;
    });
    await locked;
    expect(await recoverProvisioningJobs(sender, { lostAfterMs: 0 })).toEqual([{ jobRunId: recovered.jobRunId, action: "running" }]);
    release();
    await holding;

    expect(await recoverProvisioningJobs(sender, { lostAfterMs: 0 })).toEqual([{ jobRunId: recovered.jobRunId, action: "released" }]);
    expect(await jobState(sender, recovered.jobRunId)).toBe("retry");
  });

  it("the stately policy keeps one waiting job per account even for distinct job ids", async () => {
    const account = await createAccount();
    // No JobRun behind these: only the queue's unique index is under test (the workers skip unknown runs).
    const first = await sendProvisioningJob(sender, "reset", account.id, crypto.randomUUID(), { freshId: true });
    const second = await sendProvisioningJob(sender, "reset", account.id, crypto.randomUUID(), { freshId: true });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
  });

  it("with workers on two instances, the recovered job runs to the end", async () => {
    for (const boss of [await newBoss(), await newBoss()]) await startJobWorker(boss, { recoveryIntervalMs: 3_600_000 });
    // pg-boss waits out the retry's backoff (5-10 s) before running it again.
    const run = await waitFor("the recovered run", () => db.jobRun.findUniqueOrThrow({ where: { id: recovered.jobRunId } }), (r) => r.status === "SUCCEEDED", 30_000);
    expect(run.done).toBe(20);
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: recovered.accountId } })).state).toBe("ENABLED");
  }, 40_000);
});

describe("with two app instances running workers", { timeout: 60_000 }, () => {
  it("runs an enable job scheduled several times exactly once", async () => {
    const [a, b] = bosses.slice(1);
    const account = await accountWithUsers(50);
    const { jobRunId } = await enableProvisioning(account.id, admin, 0); // queued through this process's boss
    // Both instances queue it again (a retried action, two sweeps): nothing new is inserted.
    expect(await sendProvisioningJob(a!, "enable", account.id, jobRunId)).toBeNull();
    expect(await sendProvisioningJob(b!, "enable", account.id, jobRunId)).toBeNull();

    await waitFor("the run", () => db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } }), (r) => r.status === "SUCCEEDED");
    await new Promise((r) => setTimeout(r, 2_500)); // give a stray duplicate time to run, if there were one
    const jobs = await db.$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE singleton_key = ${`enable:${account.id}`}`;
    expect(jobs).toEqual([{ state: "completed" }]);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.enable_completed" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.users_taken_over" } })).toBe(1);
    expect(await db.user.count({ where: { accountId: account.id, source: "SCIM" } })).toBe(50);
    expect(await db.directoryUser.count({ where: { accountId: account.id } })).toBe(50);

    // Turning off runs the reset job on one of the instances.
    const { version } = await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } });
    const reset = await turnOffProvisioning(account.id, admin, version);
    await waitFor("the reset", () => db.jobRun.findUniqueOrThrow({ where: { id: reset.jobRunId } }), (r) => r.status === "SUCCEEDED");
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("OFF");
    expect(await db.user.count({ where: { accountId: account.id, source: "SSO" } })).toBe(50);
  });
});
