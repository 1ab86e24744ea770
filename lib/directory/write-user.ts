import type { Tx } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StoredResource } from "@/lib/scim/patch/types";
import type { ScimContext } from "./scim-context";
import { provision } from "./provision";
import { userColumns } from "./user-columns";

// Shared by replace and patch: write the directory row, audit it, hand the change to provisioning (creates:
// create-users.ts).

export interface UserWrite {
  attributes: StoredResource;
  /** Hash of the password the IdP set (see passwordHashFor); null removes it; undefined leaves it. */
  passwordHash?: string | null;
}

/**
 * Hashes a password the IdP sent (writeOnly, RFC 7643 §4.1.1: only the hash is stored); "" counts as none. Call it
 * BEFORE opening the transaction: Argon2id takes tens of milliseconds on the libuv pool, and a transaction waiting
 * for it holds a pooled connection. 50 concurrent creates with passwords (an Okta import) exhausted the pool that
 * way and the next transactions could not start (500s).
 */
export async function passwordHashFor(password: string | null | undefined): Promise<string | null | undefined> {
  if (password === undefined || password === null) return password;
  return password === "" ? null : hashPassword(password);
}

export async function updateDirectoryUser(
  tx: Tx,
  ctx: ScimContext,
  current: { id: string; attributes: unknown; version: number; portalUserId: string | null },
  write: UserWrite,
) {
  const columns = userColumns(write.attributes);
  const passwordHash = write.passwordHash;
  const row = await tx.directoryUser.update({
    where: { id: current.id },
    data: { ...columns, attributes: write.attributes as Prisma.InputJsonObject, ...(passwordHash !== undefined ? { passwordHash } : {}), version: current.version + 1 },
  });
  await recordAuditEvent(tx, ctx.accountId, {
    action: "directory.user.updated",
    actor: ctx.actor,
    target: { type: "directory_user", id: row.id, label: row.userName },
    before: current.attributes as Prisma.InputJsonObject,
    after: { ...(write.attributes as Prisma.InputJsonObject), ...(passwordHash !== undefined ? { password: passwordHash ? "changed" : "removed" } : {}) },
    requestId: ctx.requestId,
  });
  return { row, valve: await provision(tx, ctx, { kind: "user.updated", directoryUserIds: [row.id] }) };
}

/** Locks the account's directory user for the rest of the transaction (concurrent writes serialise). */
export async function lockDirectoryUser(tx: Tx, accountId: string, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "DirectoryUser" WHERE id = ${id}::uuid AND "accountId" = ${accountId}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.directoryUser.findUniqueOrThrow({ where: { id } });
}
