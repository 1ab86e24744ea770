import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import {
  advanceJobRun,
  checkpointField,
  finishJobRun,
  lockJobRun,
  PROVISIONING_JOB_KINDS,
  runCheckpointedJob,
  type JobOptions,
  type JobOutcome,
  type JobStep,
} from "@/lib/jobs/job-runs";
import { transitionProvisioning } from "./transition";

// The enable job: brings every SSO-created portal user under SCIM management, so that the IdP's first lookups
// (userName eq ...) find a directory user linked to the existing portal user instead of creating a duplicate.
// Each batch is one transaction that also advances the checkpoint: a crash between batches loses nothing and
// repeats nothing, and a rerun after success finds nothing to do.

/**
 * Users per batch. `npm run bench:provisioning` (100,000 users): 2,000 had the best median, 5,000 was within noise,
 * 1,000 and 10,000 were slower. 2,000 also keeps each transaction (and its row locks) well under a second.
 */
export const ENABLE_BATCH_SIZE = 2_000;

interface BatchRow {
  processed: number;
  inserted: number;
  last: string | null;
  ids: string[] | null;
}

/**
 * One batch of SSO users, in userNameKey order after the checkpoint: the (accountId, userNameKey) unique index
 * serves it directly (User.id has no index that leads with the account). Set-based: a directory user per portal
 * user in the stored SCIM shape (INSERT ... SELECT, ON CONFLICT DO NOTHING), and the users' source set to SCIM.
 */
async function takeOverBatch(tx: Tx, accountId: string, after: string | null, batchSize: number): Promise<BatchRow> {
  const afterKey = after === null ? Prisma.empty : Prisma.sql`AND u."userNameKey" > ${after}`;
  const rows = await tx.$queryRaw<BatchRow[]>`
    WITH batch AS (
      SELECT u.id, u."userName", u."userNameKey", u.name, u.active FROM "User" u
      WHERE u."accountId" = ${accountId}::uuid AND u.source = 'SSO' ${afterKey}
      ORDER BY u."userNameKey" LIMIT ${batchSize}
      FOR UPDATE
    ), inserted AS (
      INSERT INTO "DirectoryUser" ("accountId", "userName", "userNameKey", active, attributes, "emailKeys", "portalUserId", "updatedAt")
      SELECT ${accountId}::uuid, b."userName", b."userNameKey", b.active,
             jsonb_build_object(
               'userName', b."userName",
               'active', b.active,
               'emails', jsonb_build_array(jsonb_build_object('value', b."userName", 'type', 'work', 'primary', true))
             ) || CASE WHEN b.name IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('displayName', b.name) END,
             ARRAY[b."userNameKey"], b.id, now()
      FROM batch b
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), converted AS (
      UPDATE "User" u SET source = 'SCIM', "updatedAt" = now() FROM batch b WHERE u.id = b.id
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM batch)::int AS processed,
           (SELECT count(*) FROM inserted)::int AS inserted,
           (SELECT max("userNameKey") FROM batch) AS last,
           (SELECT array_agg(id::text ORDER BY "userNameKey") FROM batch) AS ids`;
  return rows[0] ?? { processed: 0, inserted: 0, last: null, ids: null };
}

/**
 * A user whose userName already had a directory user (the conflict above) gets linked to it when that directory
 * user is linked to nobody: still one directory user per person.
 */
async function linkExistingDirectoryUsers(tx: Tx, accountId: string, userIds: string[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE "DirectoryUser" du SET "portalUserId" = u.id, "updatedAt" = now()
    FROM "User" u
    WHERE u.id = ANY(${userIds}::uuid[]) AND du."accountId" = ${accountId}::uuid AND du."userNameKey" = u."userNameKey"
      AND du."portalUserId" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "DirectoryUser" o WHERE o."portalUserId" = u.id)`;
}

async function enableStep(tx: Tx, accountId: string, jobRunId: string, batchSize: number): Promise<JobStep> {
  const run = await lockJobRun(tx, accountId, jobRunId, "ENABLING");
  if (!run) return { kind: "skipped" };
  const after = checkpointField(run.checkpoint, "after");
  const afterKey = typeof after === "string" ? after : null;

  const batch = await takeOverBatch(tx, accountId, afterKey, batchSize);
  if (batch.processed > 0) {
    const ids = batch.ids ?? [];
    if (batch.inserted < batch.processed) await linkExistingDirectoryUsers(tx, accountId, ids);
    // One summarising event per batch (with every user id) rather than one per user: 50 rows for 100,000 users.
    await recordAuditEvent(tx, accountId, {
      action: "provisioning.users_taken_over",
      actor: SYSTEM_ACTOR,
      target: { type: "provisioning", id: accountId },
      before: { source: "SSO" },
      after: { source: "SCIM", count: batch.processed, directoryUsersCreated: batch.inserted, userIds: ids },
    });
    return { kind: "batch", done: await advanceJobRun(tx, jobRunId, batch.processed, { after: batch.last }) };
  }

  // Past the last key: an SSO user created behind the checkpoint (a sign-in racing the switch) needs another pass.
  if (afterKey !== null) {
    const left = await tx.$queryRaw<{ any: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "User" WHERE "accountId" = ${accountId}::uuid AND source = 'SSO') AS any`;
    if (left[0]?.any) return { kind: "batch", done: await advanceJobRun(tx, jobRunId, 0, { after: null }) };
  }
  await transitionProvisioning(tx, accountId, "enable_completed", { actor: SYSTEM_ACTOR });
  await finishJobRun(tx, jobRunId);
  return { kind: "succeeded" };
}

/** Runs (or resumes) the enable job of `jobRunId` until every SSO user is under SCIM management. */
export async function runEnableJob(accountId: string, jobRunId: string, options: JobOptions = {}): Promise<JobOutcome> {
  const batchSize = options.batchSize ?? ENABLE_BATCH_SIZE;
  const run = { accountId, jobRunId, kind: PROVISIONING_JOB_KINDS.enable, state: "ENABLING" as const };
  return runCheckpointedJob(run, (tx) => enableStep(tx, accountId, jobRunId, batchSize), options);
}
