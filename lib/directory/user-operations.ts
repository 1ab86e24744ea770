import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { mutability, uniqueness } from "@/lib/scim/errors";
import { applyPatch } from "@/lib/scim/patch";
import { parseResource } from "@/lib/scim/resource-input";
import type { Projection } from "@/lib/scim/resource-output";
import { wantsAttribute } from "@/lib/scim/resource-output";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertImmutableUnchanged } from "./immutable";
import { isResourceId, resourceNotFound } from "./not-found";
import { assertIfMatch } from "./preconditions";
import { renderUser } from "./render-user";
import type { ScimContext } from "./scim-context";
import { SCIM_WRITE_TRANSACTION } from "./transaction-limits";
import { groupsOfUsers } from "./user-groups";
import { afterCommit, provision } from "./provision";
import { createDirectoryUser } from "./create-users";
import { lockDirectoryUser, passwordHashFor, updateDirectoryUser } from "./write-user";

// SCIM operations on /Users (RFC 7644 §3.3, §3.4.1, §3.5, §3.6). Each write is one transaction: the directory
// row, the portal user it provisions and the audit events commit together or not at all.

type Rendered = { body: Record<string, unknown>; version: number };

/** `isNew`: a user created just now belongs to no group yet, so its groups need no query. */
async function rendered(ctx: ScimContext, row: Parameters<typeof renderUser>[0], projection?: Projection, isNew = false): Promise<Rendered> {
  const groups = !isNew && wantsAttribute("User", projection, "groups") ? (await groupsOfUsers(ctx.accountId, [row.id])).get(row.id) : undefined;
  return { body: renderUser(row, ctx.baseUrl, groups, projection), version: row.version };
}

function conflictOnUserName<T>(promise: Promise<T>, userName: () => string): Promise<T> {
  return promise.catch((e: unknown) => {
    if (isUniqueViolation(e)) throw uniqueness(`A user with userName "${userName()}" already exists.`);
    throw e;
  });
}

export async function createUser(ctx: ScimContext, body: unknown, projection?: Projection): Promise<Rendered> {
  const parsed = parseResource("User", body);
  const passwordHash = await passwordHashFor(parsed.password); // before the transaction (see passwordHashFor)
  const row = await createDirectoryUser({ ctx, attributes: parsed.attributes, passwordHash });
  return rendered(ctx, row, projection, true);
}

export async function getUser(ctx: ScimContext, id: string, projection?: Projection): Promise<Rendered> {
  const row = isResourceId(id) ? await db.directoryUser.findFirst({ where: { id, accountId: ctx.accountId } }) : null;
  if (!row) throw resourceNotFound("User", id);
  return rendered(ctx, row, projection);
}

export async function replaceUser(ctx: ScimContext, id: string, body: unknown, ifMatch: string | null, projection?: Projection): Promise<Rendered> {
  const parsed = parseResource("User", body);
  if (!isResourceId(id)) throw resourceNotFound("User", id);
  const passwordHash = await passwordHashFor(parsed.password); // before the transaction (see passwordHashFor)
  const { row, valve } = await conflictOnUserName(
    db.$transaction(async (tx) => {
      const current = await lockDirectoryUser(tx, ctx.accountId, id);
      if (!current) throw resourceNotFound("User", id);
      assertIfMatch(ifMatch, current.version);
      assertImmutableUnchanged("User", current.attributes as Record<string, unknown>, parsed.attributes);
      return updateDirectoryUser(tx, ctx, current, { attributes: parsed.attributes, passwordHash });
    }, SCIM_WRITE_TRANSACTION),
    () => String(parsed.attributes.userName),
  );
  await afterCommit(ctx, valve);
  return rendered(ctx, row, projection);
}

/**
 * The password a PATCH sets, hashed before the transaction (see passwordHashFor): the PATCH is tried on the
 * current, unlocked resource. What it sets does not depend on that state, but the transaction re-checks the
 * cleartext and hashes inline if it differs; a failing dry run only means no hash in advance.
 */
async function prehashPatchPassword(ctx: ScimContext, id: string, body: unknown): Promise<{ password: string; hash: string | null } | undefined> {
  if (!JSON.stringify(body ?? null).toLowerCase().includes("password")) return undefined;
  const row = await db.directoryUser.findFirst({ where: { id, accountId: ctx.accountId }, select: { attributes: true } });
  if (!row) return undefined;
  let password: string | null | undefined;
  try {
    password = applyPatch("User", row.attributes as Record<string, unknown>, body).password;
  } catch {
    return undefined; // the transaction reports the error
  }
  return typeof password === "string" ? { password, hash: (await passwordHashFor(password)) ?? null } : undefined;
}

export async function patchUser(ctx: ScimContext, id: string, body: unknown, ifMatch: string | null, projection?: Projection): Promise<Rendered> {
  if (!isResourceId(id)) throw resourceNotFound("User", id);
  const prehashed = await prehashPatchPassword(ctx, id, body);
  let userName = "";
  const { row, valve } = await conflictOnUserName(
    db.$transaction(async (tx) => {
      const current = await lockDirectoryUser(tx, ctx.accountId, id);
      if (!current) throw resourceNotFound("User", id);
      assertIfMatch(ifMatch, current.version);
      const result = applyPatch("User", current.attributes as Record<string, unknown>, body);
      if (result.memberOps.length) throw mutability("Users have no members.");
      userName = String(result.resource.userName);
      if (!result.changed && result.password === undefined) return { row: current, valve: null };
      const passwordHash = prehashed && result.password === prehashed.password ? prehashed.hash : await passwordHashFor(result.password);
      return updateDirectoryUser(tx, ctx, current, { attributes: result.resource, passwordHash });
    }, SCIM_WRITE_TRANSACTION),
    () => userName,
  );
  await afterCommit(ctx, valve);
  return rendered(ctx, row, projection);
}

export async function deleteUser(ctx: ScimContext, id: string, ifMatch: string | null): Promise<void> {
  if (!isResourceId(id)) throw resourceNotFound("User", id);
  const valve = await db.$transaction(async (tx) => {
    // The groups the user is a direct member of lose a member with it (ON DELETE CASCADE): their representation
    // changes, so must their version and ETag (RFC 7644 §3.14). Groups before the user: the order in which a
    // group PATCH adding this user takes its locks, so the two cannot deadlock.
    await tx.directoryGroup.updateMany({
      where: { accountId: ctx.accountId, members: { some: { memberUserId: id } } },
      data: { version: { increment: 1 } },
    });
    const current = await lockDirectoryUser(tx, ctx.accountId, id);
    if (!current) throw resourceNotFound("User", id);
    assertIfMatch(ifMatch, current.version);
    await tx.directoryUser.delete({ where: { id } });
    await recordAuditEvent(tx, ctx.accountId, {
      action: "directory.user.deleted",
      actor: ctx.actor,
      target: { type: "directory_user", id, label: current.userName },
      before: current.attributes as object,
      requestId: ctx.requestId,
    });
    return provision(tx, ctx, { kind: "user.deleted", portalUserIds: current.portalUserId ? [current.portalUserId] : [] });
  }, SCIM_WRITE_TRANSACTION);
  await afterCommit(ctx, valve);
}
