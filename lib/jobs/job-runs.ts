import { db, type Tx } from "@/lib/db";
import type { JobStatus, ProvisioningState } from "@/lib/generated/prisma/enums";

// The JobRun row of a provisioning job: the UI reads progress from it, and the job keeps its checkpoint there.

export const PROVISIONING_JOB_KINDS = { enable: "provisioning.enable", reset: "provisioning.reset" } as const;

/** A batch's transaction: far above what one batch costs, so only a stuck database makes it time out. */
export const BATCH_TRANSACTION = { timeout: 60_000, maxWait: 10_000 } as const;

/** Where a job stands after one step. */
export type JobStep = { kind: "batch"; done: number } | { kind: "succeeded" } | { kind: "skipped" };

/** What a run of a job did: finished it now, or nothing (already finished, or the account is not in its state). */
export type JobOutcome = "succeeded" | "skipped";

export interface JobOptions {
  batchSize?: number;
  /** Called after each committed batch with the run's progress (tests simulate a crash by throwing). */
  afterBatch?: (done: number) => void | Promise<void>;
}

/**
 * Drives a checkpointed job: marks the run started (startJobRun), then runs `step` in one transaction per batch until
 * it reports the end. A crash between batches loses nothing: the next attempt resumes from the committed checkpoint.
 */
export async function runCheckpointedJob(
  run: { accountId: string; jobRunId: string; kind: string; state: ProvisioningState },
  step: (tx: Tx) => Promise<JobStep>,
  options: JobOptions,
): Promise<JobOutcome> {
  if (!(await startJobRun(run.accountId, run.jobRunId, run.kind, run.state))) return "skipped";
  for (;;) {
    const result = await db.$transaction(step, BATCH_TRANSACTION);
    if (result.kind !== "batch") return result.kind;
    await options.afterBatch?.(result.done);
  }
}

export interface LockedJobRun {
  status: JobStatus;
  done: number;
  checkpoint: unknown;
}

/**
 * Marks the run RUNNING (keeping its first start time) when it is unfinished and the account is in `state`.
 * Returns false, changing nothing, otherwise: a rerun after success or a stray job is a no-op.
 */
export async function startJobRun(accountId: string, jobRunId: string, kind: string, state: ProvisioningState): Promise<boolean> {
  const updated = await db.$executeRaw`
    UPDATE "JobRun" j SET status = 'RUNNING', "startedAt" = COALESCE(j."startedAt", now()), error = NULL
    FROM "Provisioning" p
    WHERE j.id = ${jobRunId}::uuid AND j."accountId" = ${accountId}::uuid AND j.kind = ${kind} AND j.status <> 'SUCCEEDED'
      AND p."accountId" = j."accountId" AND p.state = ${state}::"ProvisioningState"`;
  return updated === 1;
}

/**
 * Locks the run for one batch and checks that the account is still in `state`. Concurrent attempts of the same job
 * queue up here, and each one reads the checkpoint its predecessor committed: no batch is applied twice.
 */
export async function lockJobRun(tx: Tx, accountId: string, jobRunId: string, state: ProvisioningState): Promise<LockedJobRun | null> {
  const runs = await tx.$queryRaw<LockedJobRun[]>`
    SELECT status, done, checkpoint FROM "JobRun" WHERE id = ${jobRunId}::uuid AND "accountId" = ${accountId}::uuid FOR UPDATE`;
  const run = runs[0];
  if (!run || run.status === "SUCCEEDED") return null;
  const current = await tx.$queryRaw<{ state: ProvisioningState }[]>`SELECT state FROM "Provisioning" WHERE "accountId" = ${accountId}::uuid`;
  return current[0]?.state === state ? run : null;
}

/** Records one batch's progress and the checkpoint it reached, in the batch's transaction. */
export async function advanceJobRun(tx: Tx, jobRunId: string, processed: number, checkpoint: object): Promise<number> {
  const rows = await tx.$queryRaw<{ done: number }[]>`
    UPDATE "JobRun" SET done = done + ${processed}, checkpoint = ${JSON.stringify(checkpoint)}::jsonb, status = 'RUNNING', error = NULL
    WHERE id = ${jobRunId}::uuid RETURNING done`;
  return rows[0]?.done ?? 0;
}

export async function finishJobRun(tx: Tx, jobRunId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "JobRun" SET status = 'SUCCEEDED', "finishedAt" = now(), error = NULL WHERE id = ${jobRunId}::uuid`;
}

/**
 * Records a failed attempt. finishedAt stays null: the job is retried (by pg-boss, then by the recovery sweep)
 * and the account stays read-only until it finishes. A run that already succeeded is left alone.
 */
export async function markJobRunFailed(jobRunId: string, message: string): Promise<void> {
  await db.$executeRaw`UPDATE "JobRun" SET status = 'FAILED', error = ${message.slice(0, 2000)} WHERE id = ${jobRunId}::uuid AND status <> 'SUCCEEDED'`;
}

/** A checkpoint stored as JSON, read back defensively (older shapes or null mean "from the start"). */
export function checkpointField(checkpoint: unknown, field: string): unknown {
  return typeof checkpoint === "object" && checkpoint !== null && !Array.isArray(checkpoint) ? (checkpoint as Record<string, unknown>)[field] : undefined;
}
