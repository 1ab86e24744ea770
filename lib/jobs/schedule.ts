import type PgBoss from "pg-boss";
import { getBoss, MAINTENANCE_QUEUES, PROVISIONING_JOB_OPTIONS, PROVISIONING_QUEUES, RETENTION_JOB_OPTIONS, type ProvisioningQueueKind } from "./boss";

/** What a provisioning job carries: the account and the JobRun row that records its progress. */
export interface ProvisioningJobData {
  accountId: string;
  jobRunId: string;
}

export function isProvisioningJobData(value: unknown): value is ProvisioningJobData {
  if (typeof value !== "object" || value === null) return false;
  const data = value as Record<string, unknown>;
  return typeof data.accountId === "string" && typeof data.jobRunId === "string";
}

export const singletonKeyOf = (kind: ProvisioningQueueKind, accountId: string) => `${kind}:${accountId}`;

/**
 * Queues the job of a JobRun. The pg-boss job id is the JobRun id, so sending the same run again (a retry of the
 * action, the recovery sweep of another instance) inserts nothing; the singleton key and the queue's "stately"
 * policy keep one job per account and kind in each state on top. `freshId` is for the sweep only: a run whose
 * pg-boss job ended without finishing it needs a new job. Returns the job id, or null when one already exists.
 */
export function sendProvisioningJob(
  boss: PgBoss,
  kind: ProvisioningQueueKind,
  accountId: string,
  jobRunId: string,
  options: { freshId?: boolean } = {},
): Promise<string | null> {
  const data: ProvisioningJobData = { accountId, jobRunId };
  return boss.send(PROVISIONING_QUEUES[kind], data, {
    ...(options.freshId ? {} : { id: jobRunId }),
    singletonKey: singletonKeyOf(kind, accountId),
    ...PROVISIONING_JOB_OPTIONS,
  });
}

export async function scheduleProvisioningJob(kind: ProvisioningQueueKind, accountId: string, jobRunId: string): Promise<void> {
  await sendProvisioningJob(await getBoss(), kind, accountId, jobRunId);
}

/**
 * The retention run's slot: 12 hours, aligned on UTC midnight and noon. pg-boss keeps one job per singleton key and
 * slot (its unique index), so the hourly offers of every instance queue one run per slot. 12 hours is the longest
 * slot pg-boss allows: a longer one would outlive the archiving of its completed job (12 hours), after which a
 * second run could be queued in the same slot.
 */
export const RETENTION_SLOT_SECONDS = 43_200;

/** Queues this half-day's retention run unless some instance already did; returns its id, or null. */
export function sendRetentionJob(boss: PgBoss): Promise<string | null> {
  return boss.send(MAINTENANCE_QUEUES.retention, {}, { singletonKey: "retention", singletonSeconds: RETENTION_SLOT_SECONDS, ...RETENTION_JOB_OPTIONS });
}
