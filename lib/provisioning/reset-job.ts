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

// The reset job (turning SCIM off): clears the directory, hands SCIM-managed users back to SSO, removes the setup,
// held changes, tokens and request log, and puts the provisioning settings back to their defaults, so the account
// is as if it had never enabled SCIM. Users keep their portal accounts, roles and active flag. Phases run in order,
// in batches; each batch is one transaction that also advances the checkpoint (resumable, and a rerun is a no-op).

export const RESET_BATCH_SIZE = 5_000;

/** Phases in order. Memberships go before groups and directory users so that no cascade deletes an unbounded set. */
const PHASES = ["memberships", "groups", "directoryUsers", "users", "heldChanges", "requestLog"] as const;
type Phase = (typeof PHASES)[number];
type Counts = Record<Phase, number> & { groupRoleAssignments: number };

interface ResetCheckpoint {
  phase: Phase;
  /** Users phase: the last userNameKey handed back. */
  after: string | null;
  counts: Counts;
}

const zeroCounts = (): Counts => ({ memberships: 0, groups: 0, directoryUsers: 0, users: 0, heldChanges: 0, requestLog: 0, groupRoleAssignments: 0 });

function readCheckpoint(value: unknown): ResetCheckpoint {
  const phase = checkpointField(value, "phase");
  const after = checkpointField(value, "after");
  const counts = checkpointField(value, "counts");
  return {
    phase: PHASES.find((p) => p === phase) ?? "memberships",
    after: typeof after === "string" ? after : null,
    counts: { ...zeroCounts(), ...(typeof counts === "object" && counts !== null ? (counts as Partial<Counts>) : {}) },
  };
}

const count = async (tx: Tx, query: Prisma.Sql) => (await tx.$queryRaw<{ n: number }[]>(query))[0]?.n ?? 0;

/** Deletes up to `limit` rows of one of the account's tables, by id (a bounded batch). */
function deleteBatch(tx: Tx, table: "DirectoryMembership" | "DirectoryUser" | "HeldChange" | "ScimRequestLog", accountId: string, limit: number) {
  const name = Prisma.raw(`"${table}"`);
  return count(tx, Prisma.sql`
    WITH gone AS (DELETE FROM ${name} WHERE id IN (SELECT id FROM ${name} WHERE "accountId" = ${accountId}::uuid LIMIT ${limit}) RETURNING 1)
    SELECT count(*)::int AS n FROM gone`);
}

/** Deletes a batch of groups with their role assignments and setup rows (counted, for the summary). */
async function deleteGroupBatch(tx: Tx, accountId: string, limit: number, counts: Counts): Promise<number> {
  const rows = await tx.$queryRaw<{ groups: number; assignments: number }[]>`
    WITH batch AS (SELECT id FROM "DirectoryGroup" WHERE "accountId" = ${accountId}::uuid LIMIT ${limit}),
    assignments AS (DELETE FROM "RoleAssignment" WHERE "accountId" = ${accountId}::uuid AND "groupId" IN (SELECT id FROM batch) RETURNING 1),
    setup AS (DELETE FROM "ProvisioningGroup" WHERE "accountId" = ${accountId}::uuid AND "groupId" IN (SELECT id FROM batch) RETURNING 1),
    gone AS (DELETE FROM "DirectoryGroup" WHERE id IN (SELECT id FROM batch) RETURNING 1)
    SELECT (SELECT count(*) FROM gone)::int AS groups, (SELECT count(*) FROM assignments)::int AS assignments`;
  counts.groupRoleAssignments += rows[0]?.assignments ?? 0;
  return rows[0]?.groups ?? 0;
}

/** Hands a batch of SCIM-managed users back to SSO (userNameKey order after the checkpoint); audited per batch. */
async function handBackBatch(tx: Tx, accountId: string, after: string | null, limit: number): Promise<{ n: number; last: string | null }> {
  const afterKey = after === null ? Prisma.empty : Prisma.sql`AND "userNameKey" > ${after}`;
  const rows = await tx.$queryRaw<{ ids: string[] | null; last: string | null }[]>`
    WITH batch AS (
      SELECT id FROM "User" WHERE "accountId" = ${accountId}::uuid AND source = 'SCIM' ${afterKey}
      ORDER BY "userNameKey" LIMIT ${limit} FOR UPDATE
    ), handed AS (
      UPDATE "User" u SET source = 'SSO', "updatedAt" = now() FROM batch WHERE u.id = batch.id
      RETURNING u.id, u."userNameKey"
    )
    SELECT (SELECT array_agg(id::text ORDER BY "userNameKey") FROM handed) AS ids, (SELECT max("userNameKey") FROM handed) AS last`;
  const ids = rows[0]?.ids ?? [];
  if (!ids.length) return { n: 0, last: after };
  await recordAuditEvent(tx, accountId, {
    action: "provisioning.users_handed_back",
    actor: SYSTEM_ACTOR,
    target: { type: "provisioning", id: accountId },
    before: { source: "SCIM" },
    after: { source: "SSO", count: ids.length, userIds: ids },
  });
  return { n: ids.length, last: rows[0]?.last ?? after };
}

/** The last step: tokens, setup leftovers and settings, then the transition to OFF, in one transaction. */
async function finishReset(tx: Tx, accountId: string, counts: Counts): Promise<void> {
  await tx.provisioningGroup.deleteMany({ where: { accountId } });
  // Revoked (and audited) when the reset started; now the rows go too, as if no token had ever existed.
  const tokens = await tx.scimToken.deleteMany({ where: { accountId } });
  await transitionProvisioning(tx, accountId, "reset_completed", { actor: SYSTEM_ACTOR });
  // DEFAULT: the column defaults of the schema, so this cannot drift from a never-enabled account.
  await tx.$executeRaw`
    UPDATE "Provisioning" SET scope = NULL, "pauseReason" = NULL, "pausedAt" = NULL,
      "safetyValvePercent" = DEFAULT, "safetyValveWindowMinutes" = DEFAULT, "safetyValveMinimum" = DEFAULT
    WHERE "accountId" = ${accountId}::uuid`;
  await recordAuditEvent(tx, accountId, {
    action: "provisioning.reset_cleared",
    actor: SYSTEM_ACTOR,
    target: { type: "provisioning", id: accountId },
    after: { ...counts, tokensDeleted: tokens.count },
  });
}

async function resetStep(tx: Tx, accountId: string, jobRunId: string, batchSize: number): Promise<JobStep> {
  const run = await lockJobRun(tx, accountId, jobRunId, "RESETTING");
  if (!run) return { kind: "skipped" };
  const checkpoint = readCheckpoint(run.checkpoint);
  const { phase, counts } = checkpoint;
  let processed: number;
  let after: string | null = null;
  switch (phase) {
    case "memberships":
      processed = await deleteBatch(tx, "DirectoryMembership", accountId, batchSize);
      break;
    case "groups":
      processed = await deleteGroupBatch(tx, accountId, batchSize, counts);
      break;
    case "directoryUsers":
      processed = await deleteBatch(tx, "DirectoryUser", accountId, batchSize);
      break;
    case "users": {
      const batch = await handBackBatch(tx, accountId, checkpoint.after, batchSize);
      processed = batch.n;
      after = batch.last;
      break;
    }
    case "heldChanges":
      processed = await deleteBatch(tx, "HeldChange", accountId, batchSize);
      break;
    case "requestLog":
      processed = await deleteBatch(tx, "ScimRequestLog", accountId, batchSize);
      break;
  }
  if (processed > 0) {
    counts[phase] += processed;
    return { kind: "batch", done: await advanceJobRun(tx, jobRunId, processed, { phase, after, counts }) };
  }
  const next = PHASES[PHASES.indexOf(phase) + 1];
  if (next) return { kind: "batch", done: await advanceJobRun(tx, jobRunId, 0, { phase: next, after: null, counts }) };
  await finishReset(tx, accountId, counts);
  await finishJobRun(tx, jobRunId);
  return { kind: "succeeded" };
}

/** Runs (or resumes) the reset job of `jobRunId` until the account is OFF. */
export async function runResetJob(accountId: string, jobRunId: string, options: JobOptions = {}): Promise<JobOutcome> {
  const batchSize = options.batchSize ?? RESET_BATCH_SIZE;
  const run = { accountId, jobRunId, kind: PROVISIONING_JOB_KINDS.reset, state: "RESETTING" as const };
  return runCheckpointedJob(run, (tx) => resetStep(tx, accountId, jobRunId, batchSize), options);
}
