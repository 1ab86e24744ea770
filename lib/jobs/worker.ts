import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { JobStatus } from "@/lib/generated/prisma/enums";
import { runEnableJob } from "@/lib/provisioning/enable-job";
import { runResetJob } from "@/lib/provisioning/reset-job";
import { getBoss, MAINTENANCE_QUEUES, PROVISIONING_QUEUES, type ProvisioningQueueKind } from "./boss";
import { markJobRunFailed, PROVISIONING_JOB_KINDS } from "./job-runs";
import { runRetention } from "./retention";
import { isRunLocked, JobAlreadyRunning, runLockKey, withRunLock } from "./run-lock";
import { isProvisioningJobData, sendProvisioningJob, sendRetentionJob, type ProvisioningJobData } from "./schedule";

// The background worker of an app instance: runs the provisioning jobs that pg-boss hands it, and sweeps for jobs
// that fell through the cracks (a crash between a transition's commit and queueing its job, a worker killed
// mid-run). Every instance runs one; pg-boss gives each job to one of them.

const RUNNERS = { enable: runEnableJob, reset: runResetJob } as const;

export interface JobWorkerOptions {
  /** Database of the run locks (default: DATABASE_URL). */
  connectionString?: string;
  /** How often the recovery sweep runs after the first one at start. */
  recoveryIntervalMs?: number;
  /** An active job whose run lock has been free this long lost its worker. */
  lostAfterMs?: number;
  /** How often this instance offers the retention job (0: never; default hourly; it runs once per 12-hour slot). */
  retentionScheduleIntervalMs?: number;
}

const RETENTION_LOCK_KEY = "maintenance:retention";

export type RecoveryAction = "queued" | "waiting" | "running" | "released" | "retried";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function runJob(kind: ProvisioningQueueKind, data: ProvisioningJobData, connectionString: string): Promise<void> {
  try {
    await withRunLock(connectionString, runLockKey(kind, data.accountId), () => RUNNERS[kind](data.accountId, data.jobRunId));
  } catch (error) {
    // Another attempt holding the lock is still at work: not a failure of the run.
    if (!(error instanceof JobAlreadyRunning)) {
      await markJobRunFailed(data.jobRunId, messageOf(error)).catch((e: unknown) => console.error("[jobs] could not record the failure:", e));
    }
    throw error; // pg-boss records it and retries with backoff
  }
}

/** Brings one unfinished run's pg-boss job back to life when it needs it. */
async function recoverRun(boss: PgBoss, kind: ProvisioningQueueKind, accountId: string, jobRunId: string, lostAfterMs: number): Promise<RecoveryAction> {
  const queue = PROVISIONING_QUEUES[kind];
  const job = await boss.getJobById<ProvisioningJobData>(queue, jobRunId);
  if (!job) {
    // Never queued (the process died right after the commit), or archived long ago.
    await sendProvisioningJob(boss, kind, accountId, jobRunId);
    return "queued";
  }
  switch (job.state) {
    case "created":
    case "retry":
      return "waiting";
    case "active":
      if (Date.now() - new Date(job.startedOn).getTime() < lostAfterMs || (await isRunLocked(runLockKey(kind, accountId)))) return "running";
      // Its worker is gone (the lock died with its session): fail the attempt now so pg-boss retries it, instead of
      // leaving the account read-only until the job expires.
      await boss.fail(queue, jobRunId, { message: "The worker running this job stopped; retrying." });
      return "released";
    case "failed":
      // pg-boss gave up retrying; the account is still read-only, so keep trying (once per sweep at most).
      await boss.retry(queue, jobRunId);
      return "retried";
    case "completed":
    case "cancelled":
      // Ended without finishing the run (should not happen): replace it.
      await boss.deleteJob(queue, jobRunId);
      await sendProvisioningJob(boss, kind, accountId, jobRunId);
      return "queued";
  }
}

/**
 * The recovery sweep: accounts in ENABLING or RESETTING whose latest job of that kind is unfinished get it going
 * again. Safe on every instance at once: the job id (= JobRun id) and the singleton key stop duplicates.
 */
export async function recoverProvisioningJobs(boss: PgBoss, options: { lostAfterMs?: number } = {}): Promise<{ jobRunId: string; action: RecoveryAction }[]> {
  const rows = await db.$queryRaw<{ account_id: string; kind: ProvisioningQueueKind; job_run_id: string; status: JobStatus }[]>`
    SELECT p."accountId"::text AS account_id, CASE p.state WHEN 'ENABLING' THEN 'enable' ELSE 'reset' END AS kind,
           r.id::text AS job_run_id, r.status
    FROM "Provisioning" p
    CROSS JOIN LATERAL (
      SELECT j.id, j.status FROM "JobRun" j
      WHERE j."accountId" = p."accountId"
        AND j.kind = CASE p.state WHEN 'ENABLING' THEN ${PROVISIONING_JOB_KINDS.enable} ELSE ${PROVISIONING_JOB_KINDS.reset} END
      ORDER BY j."createdAt" DESC, j.id DESC LIMIT 1
    ) r
    WHERE p.state IN ('ENABLING', 'RESETTING') AND r.status <> 'SUCCEEDED'`;
  const results: { jobRunId: string; action: RecoveryAction }[] = [];
  for (const row of rows) {
    try {
      results.push({ jobRunId: row.job_run_id, action: await recoverRun(boss, row.kind, row.account_id, row.job_run_id, options.lostAfterMs ?? 60_000) });
    } catch (error) {
      console.error(`[jobs] recovery of ${row.kind} job ${row.job_run_id} failed:`, messageOf(error));
    }
  }
  return results;
}

const started = (globalThis as unknown as { portalJobWorkers?: WeakMap<PgBoss, Promise<void>> });

async function start(boss: PgBoss, options: JobWorkerOptions): Promise<void> {
  const connectionString = options.connectionString ?? env().DATABASE_URL;
  for (const kind of Object.keys(PROVISIONING_QUEUES) as ProvisioningQueueKind[]) {
    await boss.work<ProvisioningJobData>(PROVISIONING_QUEUES[kind], { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      if (!job || !isProvisioningJobData(job.data)) return;
      await runJob(kind, job.data, connectionString);
    });
  }
  const sweep = () =>
    recoverProvisioningJobs(boss, options).catch((error: unknown) => {
      console.error("[jobs] recovery sweep failed:", messageOf(error));
      return [];
    });
  await sweep();
  const timer = setInterval(() => void sweep(), options.recoveryIntervalMs ?? 60_000);
  timer.unref();
  boss.once("stopped", () => clearInterval(timer));

  // Retention: one run per 12-hour slot across all instances (the singleton slot), one at a time (the run lock).
  await boss.work(MAINTENANCE_QUEUES.retention, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
    try {
      const summary = await withRunLock(connectionString, RETENTION_LOCK_KEY, () => runRetention());
      console.log(
        `[jobs] retention: ${summary.accounts} accounts, ${summary.auditEventsRemoved} audit events and ${summary.scimRequestsRemoved} SCIM log lines removed, ${summary.tokensExpired} token expiries recorded`,
      );
      if (summary.failedAccounts.length) throw new Error(`retention failed for ${summary.failedAccounts.length} accounts`);
    } catch (error) {
      if (error instanceof JobAlreadyRunning) return; // another instance is at it
      throw error;
    }
  });
  const retentionEvery = options.retentionScheduleIntervalMs ?? 60 * 60_000;
  if (retentionEvery > 0) {
    const offer = () =>
      sendRetentionJob(boss).catch((error: unknown) => {
        console.error("[jobs] could not queue the retention job:", messageOf(error));
        return null;
      });
    await offer();
    const retentionTimer = setInterval(() => void offer(), retentionEvery);
    retentionTimer.unref();
    boss.once("stopped", () => clearInterval(retentionTimer));
  }
}

/** Starts the job worker on `boss` (default: this process's) once; later calls return the same start. */
export function startJobWorker(boss?: PgBoss, options: JobWorkerOptions = {}): Promise<void> {
  started.portalJobWorkers ??= new WeakMap();
  const workers = started.portalJobWorkers;
  const run = async () => {
    const instance = boss ?? (await getBoss());
    let pending = workers.get(instance);
    if (!pending) {
      pending = start(instance, options);
      workers.set(instance, pending);
      pending.catch(() => workers.delete(instance)); // a failed start can be tried again
    }
    return pending;
  };
  return run();
}
