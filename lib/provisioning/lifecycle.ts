import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { JobStatus } from "@/lib/generated/prisma/enums";
import { PROVISIONING_JOB_KINDS } from "@/lib/jobs/job-runs";
import { scheduleProvisioningJob } from "@/lib/jobs/schedule";
import { revokeAllScimTokens } from "@/lib/tokens/revoke-token";
import { transitionProvisioning } from "./transition";

// Turning SCIM provisioning on and off: the transition and the JobRun that tracks its background job commit
// together; the job is queued after the commit (if that fails, the recovery sweep in lib/jobs/worker.ts queues it).

const LIFECYCLE_TRANSACTION = { timeout: 30_000, maxWait: 10_000 } as const;

async function schedule(kind: "enable" | "reset", accountId: string, jobRunId: string): Promise<void> {
  try {
    await scheduleProvisioningJob(kind, accountId, jobRunId);
  } catch (error) {
    // The transition is committed: the recovery sweep queues the job within a minute.
    console.error(`[jobs] could not queue the ${kind} job ${jobRunId}; the recovery sweep will:`, error);
  }
}

/** Enable: OFF → ENABLING, and the job that brings every SSO user under SCIM management. */
export async function enableProvisioning(accountId: string, actor: AuditActor, expectedVersion: number): Promise<{ jobRunId: string }> {
  const jobRunId = await db.$transaction(async (tx) => {
    await transitionProvisioning(tx, accountId, "enable", { actor, expectedVersion });
    const total = await tx.user.count({ where: { accountId, source: "SSO" } });
    const run = await tx.jobRun.create({ data: { accountId, kind: PROVISIONING_JOB_KINDS.enable, status: "QUEUED", total }, select: { id: true } });
    return run.id;
  }, LIFECYCLE_TRANSACTION);
  await schedule("enable", accountId, jobRunId);
  return { jobRunId };
}

/** Turn off: → RESETTING with every token revoked at once (SCIM requests fail from now on), and the reset job. */
export async function turnOffProvisioning(accountId: string, actor: AuditActor, expectedVersion: number): Promise<{ jobRunId: string }> {
  const jobRunId = await db.$transaction(async (tx) => {
    await transitionProvisioning(tx, accountId, "turn_off", { actor, expectedVersion });
    await revokeAllScimTokens(tx, accountId, actor);
    // What the reset will go through, row by row (progress): its phases count the same rows.
    const counts = await tx.$queryRaw<{ total: number }[]>`
      SELECT ((SELECT count(*) FROM "DirectoryMembership" WHERE "accountId" = ${accountId}::uuid)
            + (SELECT count(*) FROM "DirectoryGroup" WHERE "accountId" = ${accountId}::uuid)
            + (SELECT count(*) FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid)
            + (SELECT count(*) FROM "User" WHERE "accountId" = ${accountId}::uuid AND source = 'SCIM')
            + (SELECT count(*) FROM "HeldChange" WHERE "accountId" = ${accountId}::uuid)
            + (SELECT count(*) FROM "ScimRequestLog" WHERE "accountId" = ${accountId}::uuid))::int AS total`;
    const run = await tx.jobRun.create({
      data: { accountId, kind: PROVISIONING_JOB_KINDS.reset, status: "QUEUED", total: counts[0]?.total ?? 0 },
      select: { id: true },
    });
    return run.id;
  }, LIFECYCLE_TRANSACTION);
  await schedule("reset", accountId, jobRunId);
  return { jobRunId };
}

export interface ProvisioningJobProgress {
  id: string;
  kind: "enable" | "reset";
  status: JobStatus;
  total: number;
  done: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The last failed attempt's message (the job is retried while the account stays read-only). */
  error: string | null;
  /** From the rate so far; null until measurable (not started, nothing done yet, or under a second in). */
  etaSeconds: number | null;
  percent: number;
}

/** The account's latest enable or reset job, for the live progress on the Provisioning tab. */
export async function getProvisioningJobProgress(accountId: string, now = new Date()): Promise<ProvisioningJobProgress | null> {
  const run = await db.jobRun.findFirst({
    where: { accountId, kind: { in: [PROVISIONING_JOB_KINDS.enable, PROVISIONING_JOB_KINDS.reset] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!run) return null;
  const succeeded = run.status === "SUCCEEDED";
  const done = run.done;
  const total = Math.max(run.total, done); // a second pass (users who signed in during the switch) can add a few
  const elapsedSeconds = run.startedAt ? (now.getTime() - run.startedAt.getTime()) / 1000 : 0;
  const measurable = !succeeded && run.startedAt !== null && done > 0 && elapsedSeconds >= 1;
  return {
    id: run.id,
    kind: run.kind === PROVISIONING_JOB_KINDS.enable ? "enable" : "reset",
    status: run.status,
    total,
    done,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    etaSeconds: succeeded ? 0 : measurable ? Math.ceil(((total - done) * elapsedSeconds) / done) : null,
    percent: succeeded ? 100 : total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0,
  };
}
