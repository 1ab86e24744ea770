import type { Tx } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { applyDirectoryUser } from "@/lib/provisioning/apply-directory-user";
import { portalProfileOf } from "@/lib/provisioning/portal-profile";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StoredResource } from "@/lib/scim/patch/types";
import type { ScimContext } from "./scim-context";
import { userColumns } from "./user-columns";

// Shared by create, replace and patch: write the directory row, apply it to the portal user, audit it.

export interface UserWrite {
  attributes: StoredResource;
  /** Cleartext from the IdP (hashed here, never stored); null removes it; undefined leaves it. */
  password?: string | null;
}

export async function insertDirectoryUser(tx: Tx, ctx: ScimContext, write: UserWrite) {
  const columns = userColumns(write.attributes);
  const passwordHash = write.password ? await hashPassword(write.password) : null;
  const row = await tx.directoryUser.create({
    data: { accountId: ctx.accountId, ...columns, attributes: write.attributes as Prisma.InputJsonObject, passwordHash },
  });
  await recordAuditEvent(tx, ctx.accountId, {
    action: "directory.user.created",
    actor: ctx.actor,
    target: { type: "directory_user", id: row.id, label: row.userName },
    after: write.attributes as Prisma.InputJsonObject,
    requestId: ctx.requestId,
  });
  await applyDirectoryUser(tx, {
    accountId: ctx.accountId,
    directoryUserId: row.id,
    portalUserId: null,
    profile: portalProfileOf(write.attributes, columns.userName, columns.active),
    actor: ctx.actor,
    requestId: ctx.requestId,
  });
  return row;
}

export async function updateDirectoryUser(
  tx: Tx,
  ctx: ScimContext,
  current: { id: string; attributes: unknown; version: number; portalUserId: string | null },
  write: UserWrite,
) {
  const columns = userColumns(write.attributes);
  const passwordHash = write.password === undefined ? undefined : write.password === null ? null : await hashPassword(write.password);
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
  await applyDirectoryUser(tx, {
    accountId: ctx.accountId,
    directoryUserId: row.id,
    portalUserId: current.portalUserId,
    profile: portalProfileOf(write.attributes, columns.userName, columns.active),
    actor: ctx.actor,
    requestId: ctx.requestId,
  });
  return row;
}

/** Locks the account's directory user for the rest of the transaction (concurrent writes serialise). */
export async function lockDirectoryUser(tx: Tx, accountId: string, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "DirectoryUser" WHERE id = ${id}::uuid AND "accountId" = ${accountId}::uuid FOR UPDATE`;
  if (rows.length === 0) return null;
  return tx.directoryUser.findUniqueOrThrow({ where: { id } });
}
