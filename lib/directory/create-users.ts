import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvents, type AuditEventInput } from "@/lib/audit/record-audit-event";
import type { StoredResource } from "@/lib/scim/patch/types";
import { uniqueness } from "@/lib/scim/errors";
import { afterCommit, provision } from "./provision";
import type { DirectoryUserRow } from "./rows";
import type { ScimContext } from "./scim-context";
import { SCIM_WRITE_TRANSACTION } from "./transaction-limits";
import { userColumns } from "./user-columns";

// POST /Users, written in shared transactions. An IdP creates users many at a time (Okta's import, Entra's first
// cycle); each create costs about ten statements (directory row, audit, provisioning's lock, plan, portal user,
// link, audit, commit), nearly all of them per transaction rather than per user. So creates of one account by one
// token that arrive while such a transaction runs wait for it and then go together in the next one: no added delay
// when creates come one by one, a fraction of the statements per user under load. Every user still gets its own
// answer: a userName taken (by an earlier user, or by another create in the same batch) is that request's 409.

export interface UserCreate {
  ctx: ScimContext;
  attributes: StoredResource;
  /** See passwordHashFor: hashed before any transaction; null or undefined: no password. */
  passwordHash: string | null | undefined;
}

interface Pending extends UserCreate {
  columns: ReturnType<typeof userColumns>;
  resolve: (row: DirectoryUserRow) => void;
  reject: (error: unknown) => void;
}

/** Users per transaction at most: a batch stays far inside the write transaction's time limit. */
const MAX_BATCH = 100;

interface Queue {
  pending: Pending[];
  draining: boolean;
}

const queues = new Map<string, Queue>();

/**
 * Creates a directory user (and, through provisioning, its portal user) and resolves with its row once committed.
 * Rejects with the SCIM error of this user alone (uniqueness when the userName is taken).
 */
export function createDirectoryUser(create: UserCreate): Promise<DirectoryUserRow> {
  const columns = userColumns(create.attributes); // invalid input fails here, alone, before any queue
  return new Promise<DirectoryUserRow>((resolve, reject) => {
    const key = `${create.ctx.accountId}:${create.ctx.actor.type}:${create.ctx.actor.id ?? ""}`;
    let queue = queues.get(key);
    if (!queue) {
      queue = { pending: [], draining: false };
      queues.set(key, queue);
    }
    queue.pending.push({ ...create, columns, resolve, reject });
    if (!queue.draining) void drain(key, queue);
  });
}

async function drain(key: string, queue: Queue): Promise<void> {
  queue.draining = true;
  try {
    while (queue.pending.length) {
      const batch = queue.pending.splice(0, MAX_BATCH);
      try {
        settle(batch, await insertBatch(batch));
      } catch (error) {
        if (batch.length === 1) batch[0]!.reject(error);
        // Something other than a taken userName failed the whole transaction: retry each create on its own, so
        // that only the request at fault fails, with its own error.
        else for (const one of batch) await insertBatch([one]).then((rows) => settle([one], rows), one.reject);
      }
    }
  } finally {
    queue.draining = false;
    if (queues.get(key) === queue && !queue.pending.length) queues.delete(key);
  }
}

function settle(batch: Pending[], rows: Map<Pending, DirectoryUserRow>): void {
  for (const one of batch) {
    const row = rows.get(one);
    if (row) one.resolve(row);
    else one.reject(uniqueness(`A user with userName "${one.columns.userName}" already exists.`));
  }
}

type InsertedRow = DirectoryUserRow & { userNameKey: string };

/**
 * One transaction for the batch: the directory rows (a userName already taken, or taken earlier in the same
 * batch, is skipped: ON CONFLICT DO NOTHING), their audit events, and one provisioning pass over all of them.
 */
async function insertBatch(batch: Pending[]): Promise<Map<Pending, DirectoryUserRow>> {
  const { ctx } = batch[0]!;
  const { rows, valve } = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<InsertedRow[]>(Prisma.sql`
      INSERT INTO "DirectoryUser" ("accountId", "externalId", "userName", "userNameKey", active, attributes, "emailKeys", "passwordHash")
      SELECT ${ctx.accountId}::uuid, v.external_id, v.user_name, v.user_name_key, v.active, v.attributes::jsonb, ARRAY(SELECT jsonb_array_elements_text(v.email_keys::jsonb)), v.password_hash
      FROM unnest(
        ${batch.map((p) => p.columns.externalId)}::text[], ${batch.map((p) => p.columns.userName)}::text[],
        ${batch.map((p) => p.columns.userNameKey)}::text[], ${batch.map((p) => p.columns.active)}::boolean[],
        ${batch.map((p) => JSON.stringify(p.attributes))}::text[], ${batch.map((p) => JSON.stringify(p.columns.emailKeys))}::text[],
        ${batch.map((p) => p.passwordHash ?? null)}::text[]
      ) WITH ORDINALITY AS v(external_id, user_name, user_name_key, active, attributes, email_keys, password_hash, n)
      ORDER BY v.n
      ON CONFLICT DO NOTHING
      RETURNING id::text AS id, "externalId", "userName", "userNameKey", active, attributes, version, "createdAt", "updatedAt"`);
    // Which request each row belongs to: the first of the batch with its userName (a later one was skipped).
    const byKey = new Map(rows.map((row) => [row.userNameKey, row]));
    const created = new Map<Pending, InsertedRow>();
    for (const one of batch) {
      const row = byKey.get(one.columns.userNameKey);
      if (row) {
        created.set(one, row);
        byKey.delete(one.columns.userNameKey);
      }
    }
    if (!created.size) return { rows: created, valve: null };
    const events: AuditEventInput[] = [...created].map(([one, row]) => ({
      action: "directory.user.created",
      actor: one.ctx.actor,
      target: { type: "directory_user", id: row.id, label: row.userName },
      after: one.attributes as Prisma.InputJsonObject,
      requestId: one.ctx.requestId,
    }));
    await recordAuditEvents(tx, ctx.accountId, events);
    const requestIds = new Map([...created].map(([one, row]) => [row.id, one.ctx.requestId] as const));
    const valve = await provision(tx, ctx, { kind: "user.created", directoryUserIds: [...requestIds.keys()], requestIds });
    return { rows: created, valve };
  }, SCIM_WRITE_TRANSACTION);
  await afterCommit(ctx, valve);
  const result = new Map<Pending, DirectoryUserRow>();
  for (const [one, { userNameKey: _key, ...row }] of rows) result.set(one, row);
  return result;
}
