import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { mutability, uniqueness } from "@/lib/scim/errors";
import { applyPatch } from "@/lib/scim/patch";
import { parseResource } from "@/lib/scim/resource-input";
import type { Projection } from "@/lib/scim/resource-output";
import { wantsAttribute } from "@/lib/scim/resource-output";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { applyDirectoryUser } from "@/lib/provisioning/apply-directory-user";
import { assertImmutableUnchanged } from "./immutable";
import { isResourceId, resourceNotFound } from "./not-found";
import { assertIfMatch } from "./preconditions";
import { renderUser } from "./render-user";
import type { ScimContext } from "./scim-context";
import { groupsOfUsers } from "./user-groups";
import { insertDirectoryUser, lockDirectoryUser, updateDirectoryUser } from "./write-user";

// SCIM operations on /Users (RFC 7644 §3.3, §3.4.1, §3.5, §3.6). Each write is one transaction: the directory
// row, the portal user it provisions and the audit events commit together or not at all.

type Rendered = { body: Record<string, unknown>; version: number };

async function rendered(ctx: ScimContext, row: Parameters<typeof renderUser>[0], projection?: Projection): Promise<Rendered> {
  const groups = wantsAttribute("User", projection, "groups") ? (await groupsOfUsers(ctx.accountId, [row.id])).get(row.id) : undefined;
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
  const row = await conflictOnUserName(
    db.$transaction((tx) => insertDirectoryUser(tx, ctx, { attributes: parsed.attributes, password: parsed.password })),
    () => String(parsed.attributes.userName),
  );
  return rendered(ctx, row, projection);
}

export async function getUser(ctx: ScimContext, id: string, projection?: Projection): Promise<Rendered> {
  const row = isResourceId(id) ? await db.directoryUser.findFirst({ where: { id, accountId: ctx.accountId } }) : null;
  if (!row) throw resourceNotFound("User", id);
  return rendered(ctx, row, projection);
}

export async function replaceUser(ctx: ScimContext, id: string, body: unknown, ifMatch: string | null, projection?: Projection): Promise<Rendered> {
  const parsed = parseResource("User", body);
  if (!isResourceId(id)) throw resourceNotFound("User", id);
  const row = await conflictOnUserName(
    db.$transaction(async (tx) => {
      const current = await lockDirectoryUser(tx, ctx.accountId, id);
      if (!current) throw resourceNotFound("User", id);
      assertIfMatch(ifMatch, current.version);
      assertImmutableUnchanged("User", current.attributes as Record<string, unknown>, parsed.attributes);
      return updateDirectoryUser(tx, ctx, current, { attributes: parsed.attributes, password: parsed.password });
    }),
    () => String(parsed.attributes.userName),
  );
  return rendered(ctx, row, projection);
}

export async function patchUser(ctx: ScimContext, id: string, body: unknown, ifMatch: string | null, projection?: Projection): Promise<Rendered> {
  if (!isResourceId(id)) throw resourceNotFound("User", id);
  let userName = "";
  const row = await conflictOnUserName(
    db.$transaction(async (tx) => {
      const current = await lockDirectoryUser(tx, ctx.accountId, id);
      if (!current) throw resourceNotFound("User", id);
      assertIfMatch(ifMatch, current.version);
      const result = applyPatch("User", current.attributes as Record<string, unknown>, body);
      if (result.memberOps.length) throw mutability("Users have no members.");
      userName = String(result.resource.userName);
      if (!result.changed && result.password === undefined) return current;
      return updateDirectoryUser(tx, ctx, current, { attributes: result.resource, password: result.password });
    }),
    () => userName,
  );
  return rendered(ctx, row, projection);
}

export async function deleteUser(ctx: ScimContext, id: string, ifMatch: string | null): Promise<void> {
  if (!isResourceId(id)) throw resourceNotFound("User", id);
  await db.$transaction(async (tx) => {
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
    await applyDirectoryUser(tx, { accountId: ctx.accountId, directoryUserId: id, portalUserId: current.portalUserId, profile: null, actor: ctx.actor, requestId: ctx.requestId });
  });
}
