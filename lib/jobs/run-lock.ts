import pg from "pg";
import { db } from "@/lib/db";

// A running provisioning job holds a session-level advisory lock on a connection of its own. It is the job's
// heartbeat: if the process dies, PostgreSQL closes the session and the lock is gone, which the recovery sweep
// can see (isRunLocked) without waiting for pg-boss's expiry. It also keeps two attempts from running at once.

export class JobAlreadyRunning extends Error {
  constructor(readonly key: string) {
    super(`Job ${key} is already running elsewhere.`);
  }
}

export const runLockKey = (kind: string, accountId: string) => `provisioning-job:${kind}:${accountId}`;

/** Runs `fn` holding the lock `key`; throws JobAlreadyRunning when another session holds it. */
export async function withRunLock<T>(connectionString: string, key: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, application_name: "portal-job-lock" });
  client.on("error", () => {}); // a lost connection surfaces as the lock being free; the job's own queries fail on their own
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [key]);
    if (!rows[0]?.locked) throw new JobAlreadyRunning(key);
    return await fn();
  } finally {
    await client.end().catch(() => {}); // ending the session releases the lock
  }
}

/** Whether some session holds `key` now (a transaction-level try conflicts with a session-level holder). */
export async function isRunLocked(key: string): Promise<boolean> {
  const rows = await db.$transaction((tx) => tx.$queryRaw<{ acquired: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) AS acquired`);
  return rows[0]?.acquired !== true;
}
