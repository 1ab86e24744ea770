import { isDeepStrictEqual } from "node:util";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { recordGroupDeletionAccessChange } from "@/lib/access/record-access-change";
import { invalidValue, uniqueness } from "@/lib/scim/errors";
import { applyPatch } from "@/lib/scim/patch";
import type { MemberOp, MemberRef, StoredResource } from "@/lib/scim/patch/types";
import { parseResource } from "@/lib/scim/resource-input";
import { wantsAttribute, type Projection } from "@/lib/scim/resource-output";
import { memberFilterToSql } from "./filter-sql";
import { applyMemberOps, membersOfGroup, summariseMemberChanges, type MemberChanges } from "./group-members";
import { assertImmutableUnchanged } from "./immutable";
import { isResourceId, resourceNotFound } from "./not-found";
import { assertIfMatch } from "./preconditions";
import { renderGroup } from "./render-group";
import type { ScimContext } from "./scim-context";
import { SCIM_WRITE_TRANSACTION } from "./transaction-limits";
import { afterCommit, provision, provisionMemberChanges } from "./provision";

// SCIM operations on /Groups. Group attributes live in the row; members in DirectoryMembership.

type Rendered = { body: Record<string, unknown>; version: number };

function groupColumns(attributes: StoredResource) {
  const displayName = attributes.displayName;
  if (typeof displayName !== "string" || !displayName.trim()) throw invalidValue("displayName is required.");
  return {
    displayName,
    displayNameKey: displayName.trim().toLowerCase(),
    externalId: typeof attributes.externalId === "string" ? attributes.externalId : null,
  };
}

/** Splits parsed attributes into the stored row attributes and the members given in the body. */
function withoutMembers(attributes: StoredResource): { stored: StoredResource; members: MemberRef[] | undefined } {
  const { members, ...stored } = attributes;
  return { stored, members: Array.isArray(members) ? (members as MemberRef[]) : undefined };
}

async function rendered(ctx: ScimContext, row: Parameters<typeof renderGroup>[0], projection?: Projection): Promise<Rendered> {
  // excludedAttributes=members (Entra's group lookups) must not read memberships at all.
  const members = wantsAttribute("Group", projection, "members") ? await membersOfGroup(ctx.accountId, row.id) : undefined;
  return { body: renderGroup(row, ctx.baseUrl, members, projection), version: row.version };
}

function conflictOnDisplayName<T>(promise: Promise<T>, displayName: () => string): Promise<T> {
  return promise.catch((e: unknown) => {
    if (isUniqueViolation(e)) throw uniqueness(`A group with displayName "${displayName()}" already exists.`);
    throw e;
  });
}

/** PATCH remove with a members filter other than value eq: translated to SQL over the group's memberships. */
function memberFilterFor(ctx: ScimContext) {
  return (filter: Parameters<typeof memberFilterToSql>[0]) => memberFilterToSql(filter, "m", { baseUrl: ctx.baseUrl });
}

async function lockGroup(tx: Tx, accountId: string, id: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "DirectoryGroup" WHERE id = ${id}::uuid AND "accountId" = ${accountId}::uuid FOR UPDATE`;
  return rows.length ? tx.directoryGroup.findUniqueOrThrow({ where: { id } }) : null;
}

async function auditMembers(tx: Tx, ctx: ScimContext, group: { id: string; displayName: string }, changes: MemberChanges) {
  if (!changes.added.length && !changes.removed.length) return;
  await recordAuditEvent(tx, ctx.accountId, {
    action: "directory.group.members_changed",
    actor: ctx.actor,
    target: { type: "directory_group", id: group.id, label: group.displayName },
    after: summariseMemberChanges(changes),
    requestId: ctx.requestId,
  });
}



export async function createGroup(ctx: ScimContext, body: unknown, projection?: Projection): Promise<Rendered> {
  const { stored, members } = withoutMembers(parseResource("Group", body).attributes);
  const columns = groupColumns(stored);
  let valve: string | null = null;
  const row = await conflictOnDisplayName(
    db.$transaction(async (tx) => {
      const group = await tx.directoryGroup.create({ data: { accountId: ctx.accountId, ...columns, attributes: stored as Prisma.InputJsonObject } });
      await recordAuditEvent(tx, ctx.accountId, {
        action: "directory.group.created",
        actor: ctx.actor,
        target: { type: "directory_group", id: group.id, label: group.displayName },
        after: stored as Prisma.InputJsonObject,
        requestId: ctx.requestId,
      });
      if (members?.length) {
        const changes = await applyMemberOps(tx, ctx.accountId, group.id, [{ kind: "add", members }], memberFilterFor(ctx));
        await auditMembers(tx, ctx, group, changes);
        valve = await provisionMemberChanges(tx, ctx, group.id, changes);
      }
      return group;
    }, SCIM_WRITE_TRANSACTION),
    () => columns.displayName,
  );
  await afterCommit(ctx, valve);
  return rendered(ctx, row, projection);
}

export async function getGroup(ctx: ScimContext, id: string, projection?: Projection): Promise<Rendered> {
  const row = isResourceId(id) ? await db.directoryGroup.findFirst({ where: { id, accountId: ctx.accountId } }) : null;
  if (!row) throw resourceNotFound("Group", id);
  return rendered(ctx, row, projection);
}

/** Writes a group's new attributes and membership; returns the row and the safety valve's reason if it held the change. */
async function updateGroup(tx: Tx, ctx: ScimContext, current: { id: string; version: number; attributes: unknown; displayName: string }, stored: StoredResource, memberOps: MemberOp[], attributesChanged: boolean) {
  let row = current;
  if (attributesChanged) {
    row = await tx.directoryGroup.update({ where: { id: current.id }, data: { ...groupColumns(stored), attributes: stored as Prisma.InputJsonObject, version: current.version + 1 } });
    await recordAuditEvent(tx, ctx.accountId, {
      action: "directory.group.updated",
      actor: ctx.actor,
      target: { type: "directory_group", id: current.id, label: (row as { displayName: string }).displayName },
      before: current.attributes as Prisma.InputJsonObject,
      after: stored as Prisma.InputJsonObject,
      requestId: ctx.requestId,
    });
  }
  const changes = await applyMemberOps(tx, ctx.accountId, current.id, memberOps, memberFilterFor(ctx));
  if (!attributesChanged && (changes.added.length || changes.removed.length)) {
    // Membership is part of the resource: its version (ETag) changes with it.
    row = await tx.directoryGroup.update({ where: { id: current.id }, data: { version: current.version + 1 } });
  }
  await auditMembers(tx, ctx, row, changes);
  const valve = await provisionMemberChanges(tx, ctx, current.id, changes);
  return { row: await tx.directoryGroup.findUniqueOrThrow({ where: { id: current.id } }), valve };
}

export async function replaceGroup(ctx: ScimContext, id: string, body: unknown, ifMatch: string | null, projection?: Projection): Promise<Rendered> {
  const { stored, members } = withoutMembers(parseResource("Group", body).attributes);
  if (!isResourceId(id)) throw resourceNotFound("Group", id);
  const { row, valve } = await conflictOnDisplayName(
    db.$transaction(async (tx) => {
      const current = await lockGroup(tx, ctx.accountId, id);
      if (!current) throw resourceNotFound("Group", id);
      assertIfMatch(ifMatch, current.version);
      assertImmutableUnchanged("Group", current.attributes as Record<string, unknown>, stored);
      // PUT replaces the whole resource (RFC 7644 §3.5.1): no members in the body means no members.
      const ops: MemberOp[] = members?.length ? [{ kind: "replace", members }] : [{ kind: "removeAll" }];
      return updateGroup(tx, ctx, current, stored, ops, true);
    }, SCIM_WRITE_TRANSACTION),
    () => String(stored.displayName),
  );
  await afterCommit(ctx, valve);
  return rendered(ctx, row, projection);
}

export async function patchGroup(ctx: ScimContext, id: string, body: unknown, ifMatch: string | null, projection?: Projection): Promise<Rendered> {
  if (!isResourceId(id)) throw resourceNotFound("Group", id);
  let displayName = "";
  const { row, valve } = await conflictOnDisplayName(
    db.$transaction(async (tx) => {
      const current = await lockGroup(tx, ctx.accountId, id);
      if (!current) throw resourceNotFound("Group", id);
      assertIfMatch(ifMatch, current.version);
      const result = applyPatch("Group", current.attributes as Record<string, unknown>, body);
      displayName = String(result.resource.displayName);
      const attributesChanged = result.changed && !isDeepStrictEqual(result.resource, current.attributes);
      return updateGroup(tx, ctx, current, result.resource, result.memberOps, attributesChanged);
    }, SCIM_WRITE_TRANSACTION),
    () => displayName,
  );
  await afterCommit(ctx, valve);
  return rendered(ctx, row, projection);
}

export async function deleteGroup(ctx: ScimContext, id: string, ifMatch: string | null): Promise<void> {
  if (!isResourceId(id)) throw resourceNotFound("Group", id);
  const valve = await db.$transaction(async (tx) => {
    // The groups this group is a member of lose a member with it (ON DELETE CASCADE): new version and ETag
    // (RFC 7644 §3.14). Parents before the group itself, the order of a parent PATCH adding it (no deadlock).
    await tx.directoryGroup.updateMany({
      where: { accountId: ctx.accountId, members: { some: { memberGroupId: id } } },
      data: { version: { increment: 1 } },
    });
    const current = await lockGroup(tx, ctx.accountId, id);
    if (!current) throw resourceNotFound("Group", id);
    assertIfMatch(ifMatch, current.version);
    const memberCount = await tx.directoryMembership.count({ where: { accountId: ctx.accountId, groupId: id } });
    // Its users (directly or through nesting) may leave the provisioning scope with it: collect them first.
    const underGroup = await tx.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE under(id) AS (
        SELECT ${id}::uuid
        UNION
        SELECT m."memberGroupId" FROM "DirectoryMembership" m JOIN under ON m."groupId" = under.id
        WHERE m."accountId" = ${ctx.accountId}::uuid AND m."memberGroupId" IS NOT NULL
      )
      SELECT DISTINCT m."memberUserId"::text AS id FROM "DirectoryMembership" m JOIN under ON m."groupId" = under.id
      WHERE m."accountId" = ${ctx.accountId}::uuid AND m."memberUserId" IS NOT NULL`;
    // Its role assignments go with it (ON DELETE CASCADE), and its users stop receiving its parents' roles.
    await recordGroupDeletionAccessChange(tx, ctx, { id, displayName: current.displayName }, underGroup.map((u) => u.id));
    await tx.directoryGroup.delete({ where: { id } });
    await recordAuditEvent(tx, ctx.accountId, {
      action: "directory.group.deleted",
      actor: ctx.actor,
      target: { type: "directory_group", id, label: current.displayName },
      before: { ...(current.attributes as Prisma.InputJsonObject), memberCount },
      requestId: ctx.requestId,
    });
    return provision(tx, ctx, { kind: "group.deleted", directoryUserIds: underGroup.map((u) => u.id) });
  }, SCIM_WRITE_TRANSACTION);
  await afterCommit(ctx, valve);
}
