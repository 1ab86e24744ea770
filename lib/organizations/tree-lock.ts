import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { OrganizationError } from "./errors";

/**
 * Serialises changes to the shape of one account's organization tree (create, move, delete of organizations and
 * projects) by locking the account's row until the transaction ends. Under this lock a move's cycle check (a
 * recursive query over the parents) sees every committed move, so two concurrent moves cannot together make a
 * cycle (A under B while B goes under A), and a delete cannot miss a child created at the same moment.
 * FOR NO KEY UPDATE does not conflict with the key-share locks that foreign-key checks take, so inserts elsewhere
 * in the account (audit events, users, SCIM traffic) are not held up.
 */
export async function lockOrganizationTree(tx: Tx, accountId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT id::text FROM "Account" WHERE id = ${accountId}::uuid FOR NO KEY UPDATE`);
  if (rows.length === 0) throw new OrganizationError("not-found", "That account does not exist.");
}
