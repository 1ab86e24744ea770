import PgBoss from "pg-boss";
import { env } from "@/lib/env";

// The job queue lives in PostgreSQL (pg-boss): jobs survive restarts and any app instance can run any of them.

/** One queue per kind of provisioning job. */
export const PROVISIONING_QUEUES = { enable: "provisioning-enable", reset: "provisioning-reset" } as const;
export type ProvisioningQueueKind = keyof typeof PROVISIONING_QUEUES;

/**
 * Maintenance for all accounts (retention), twice a day. pg-boss's cron is off (below), so each worker offers the
 * job hourly with a 12-hour singleton slot (schedule.ts): the first offer in a slot queues it, the others insert
 * nothing.
 */
export const MAINTENANCE_QUEUES = { retention: "maintenance-retention" } as const;

export const RETENTION_JOB_OPTIONS = { retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 2 * 60 * 60 } as const;

/**
 * Retries and expiry, set on the queues and repeated on each job (schedule.ts).
 * Backoff: pg-boss waits retryDelay * 2^n / 2 * (1 + random) seconds before attempt n+1 (5-10 s, 10-20 s, ... about
 * 20-40 minutes over 8 retries); after that the recovery sweep (worker.ts) re-arms the job.
 * Expiry: how long an attempt may stay active; pg-boss also uses it as the handler's time limit. 100,000 users take
 * seconds, so 30 minutes is far above any real run. A crashed worker does not wait for it: the sweep notices the
 * lost run lock (run-lock.ts) within a minute or two.
 */
export const PROVISIONING_JOB_OPTIONS = { retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 30 * 60 } as const;

/**
 * Policy "stately": at most one job per singleton key in each of the states queued (created), retry and active,
 * enforced by a unique index. So an account never has two enable (or reset) jobs running, nor two waiting.
 * "singleton" would bound only the active job (any number of duplicates could queue behind it) and "short" only
 * the queued one (two could run at once).
 */
export const PROVISIONING_QUEUE_POLICY = "stately" as const;

const holder = globalThis as unknown as { portalBoss?: Promise<PgBoss> };

/** A started pg-boss on `connectionString` with the provisioning queues in place (tests start several). */
export async function createBoss(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    application_name: "portal-jobs",
    max: 5,
    // No cron schedules: skip pg-boss's clock-skew monitor and cron worker.
    schedule: false,
  });
  boss.on("error", (error) => console.error("[jobs] pg-boss:", error.message));
  await boss.start();
  for (const name of Object.values(PROVISIONING_QUEUES)) {
    const queue = { name, policy: PROVISIONING_QUEUE_POLICY, ...PROVISIONING_JOB_OPTIONS };
    await boss.createQueue(name, queue);
    // createQueue leaves an existing queue as it was: keep its settings in line with the code.
    await boss.updateQueue(name, queue);
  }
  for (const name of Object.values(MAINTENANCE_QUEUES)) {
    const queue = { name, policy: "standard" as const, ...RETENTION_JOB_OPTIONS };
    await boss.createQueue(name, queue);
    await boss.updateQueue(name, queue);
  }
  return boss;
}

/** This process's pg-boss, created and started on first use (not at import: `next build` has no database). */
export function getBoss(): Promise<PgBoss> {
  holder.portalBoss ??= createBoss(env().DATABASE_URL).catch((error: unknown) => {
    holder.portalBoss = undefined; // the next call tries again
    throw error;
  });
  return holder.portalBoss;
}

/** Stops this process's pg-boss (in-flight jobs get up to `timeoutMs` to finish, then are failed for a retry). */
export async function stopBoss(timeoutMs = 10_000): Promise<void> {
  const pending = holder.portalBoss;
  holder.portalBoss = undefined;
  const boss = await pending?.catch(() => null);
  await boss?.stop({ graceful: true, wait: true, timeout: timeoutMs });
}
