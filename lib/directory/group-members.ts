import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { invalidValue } from "@/lib/scim/errors";
import type { MemberOp, MemberRef } from "@/lib/scim/patch/types";
import { isResourceId } from "./not-found";

// A group's members live in DirectoryMembership, never in memory as a whole: a group may have 100,000 members,
// and a PATCH adding 1,000 of them is one INSERT ... SELECT unnest(...).

export interface MemberChanges {
  added: string[];
  removed: string[];
}

interface ResolvedMembers {
  userIds: string[];
  groupIds: string[];
}

/** Checks that every member exists in the account (as the type given, if any); all-or-nothing. */
async function resolveMembers(tx: Tx, accountId: string, groupId: string, members: MemberRef[]): Promise<ResolvedMembers> {
  const ids = [...new Set(members.map((m) => m.value))];
  const bad = ids.find((id) => !isResourceId(id));
  if (bad !== undefined) throw invalidValue(`Member "${bad}" is not a user or group of this directory.`);
  if (ids.includes(groupId)) throw invalidValue("A group cannot be a member of itself.");
  // One query at a time: a transaction is one connection. FOR KEY SHARE (the lock the foreign key check takes
  // anyway, taken here first): a member being deleted concurrently is either gone when we look (400 below) or
  // stays until we commit -- never a foreign key violation (a 500) at the INSERT.
  const users = ids.length ? await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid AND id = ANY(${ids}::uuid[]) FOR KEY SHARE` : [];
  const groups = ids.length ? await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM "DirectoryGroup" WHERE "accountId" = ${accountId}::uuid AND id = ANY(${ids}::uuid[]) FOR KEY SHARE` : [];
  const userIds = new Set(users.map((u) => u.id));
  const groupIds = new Set(groups.map((g) => g.id));
  for (const member of members) {
    const isUser = userIds.has(member.value);
    const isGroup = groupIds.has(member.value);
    if (!isUser && !isGroup) throw invalidValue(`Member "${member.value}" is not a user or group of this directory.`);
    if (member.type && member.type !== (isUser ? "User" : "Group")) {
      throw invalidValue(`Member "${member.value}" is a ${isUser ? "User" : "Group"}, not a ${member.type}.`);
    }
  }
  return { userIds: [...userIds], groupIds: [...groupIds] };
}

async function insertMembers(tx: Tx, accountId: string, groupId: string, resolved: ResolvedMembers): Promise<string[]> {
  const added: string[] = [];
  if (resolved.userIds.length) {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberUserId")
      SELECT ${accountId}::uuid, ${groupId}::uuid, u FROM unnest(${resolved.userIds}::uuid[]) AS u
      ON CONFLICT DO NOTHING RETURNING "memberUserId"::text AS id`;
    added.push(...rows.map((r) => r.id));
  }
  if (resolved.groupIds.length) {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberGroupId")
      SELECT ${accountId}::uuid, ${groupId}::uuid, g FROM unnest(${resolved.groupIds}::uuid[]) AS g
      ON CONFLICT DO NOTHING RETURNING "memberGroupId"::text AS id`;
    added.push(...rows.map((r) => r.id));
  }
  return added;
}

async function deleteMembers(tx: Tx, accountId: string, groupId: string, condition: Prisma.Sql): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    DELETE FROM "DirectoryMembership" m
    WHERE m."accountId" = ${accountId}::uuid AND m."groupId" = ${groupId}::uuid AND (${condition})
    RETURNING COALESCE(m."memberUserId", m."memberGroupId")::text AS id`;
  return rows.map((r) => r.id);
}

/** Applies PATCH/PUT/POST membership operations in order; returns who was added and removed. */
export async function applyMemberOps(
  tx: Tx,
  accountId: string,
  groupId: string,
  ops: MemberOp[],
  removeMatching: (filter: Extract<MemberOp, { kind: "removeMatching" }>["filter"]) => Prisma.Sql,
): Promise<MemberChanges> {
  const added = new Set<string>();
  const removed = new Set<string>();
  const noteAdded = (ids: string[]) => ids.forEach((id) => (removed.has(id) ? removed.delete(id) : added.add(id)));
  const noteRemoved = (ids: string[]) => ids.forEach((id) => (added.has(id) ? added.delete(id) : removed.add(id)));

  for (const op of ops) {
    switch (op.kind) {
      case "add":
        noteAdded(await insertMembers(tx, accountId, groupId, await resolveMembers(tx, accountId, groupId, op.members)));
        break;
      case "remove": {
        const ids = op.values.filter(isResourceId);
        if (ids.length) noteRemoved(await deleteMembers(tx, accountId, groupId, Prisma.sql`m."memberUserId" = ANY(${ids}::uuid[]) OR m."memberGroupId" = ANY(${ids}::uuid[])`));
        break;
      }
      case "removeMatching":
        noteRemoved(await deleteMembers(tx, accountId, groupId, removeMatching(op.filter)));
        break;
      case "removeAll":
        noteRemoved(await deleteMembers(tx, accountId, groupId, Prisma.sql`TRUE`));
        break;
      case "replace": {
        const resolved = await resolveMembers(tx, accountId, groupId, op.members);
        const keepUsers = resolved.userIds;
        const keepGroups = resolved.groupIds;
        noteRemoved(
          await deleteMembers(
            tx,
            accountId,
            groupId,
            Prisma.sql`NOT (COALESCE(m."memberUserId" = ANY(${keepUsers}::uuid[]), false) OR COALESCE(m."memberGroupId" = ANY(${keepGroups}::uuid[]), false))`,
          ),
        );
        noteAdded(await insertMembers(tx, accountId, groupId, resolved));
        break;
      }
    }
  }
  return { added: [...added], removed: [...removed] };
}

export interface GroupMember {
  value: string;
  display: string | null;
  type: "User" | "Group";
}

/** Every member of a group, in a stable order (users then groups, by id). */
export async function membersOfGroup(accountId: string, groupId: string, client: Tx | typeof db = db): Promise<GroupMember[]> {
  // Sorted by the uuid itself (the same order as its text, cheaper to sort than 100,000 strings).
  const rows = await client.$queryRaw<{ value: string; display: string | null; type: "User" | "Group" }[]>`
    SELECT value, display, type FROM (
      SELECT u.id AS sort_id, u.id::text AS value, COALESCE(u.attributes->>'displayName', u."userName") AS display, 'User' AS type
      FROM "DirectoryMembership" m JOIN "DirectoryUser" u ON u.id = m."memberUserId"
      WHERE m."accountId" = ${accountId}::uuid AND m."groupId" = ${groupId}::uuid
      UNION ALL
      SELECT g.id, g.id::text, g."displayName", 'Group'
      FROM "DirectoryMembership" m JOIN "DirectoryGroup" g ON g.id = m."memberGroupId"
      WHERE m."accountId" = ${accountId}::uuid AND m."groupId" = ${groupId}::uuid
    ) members
    ORDER BY type DESC, sort_id`;
  return rows;
}

/** For audit events: the ids involved, capped so that replacing a 100,000-member group stays a small row. */
export function summariseMemberChanges(changes: MemberChanges, cap = 1000) {
  return {
    addedCount: changes.added.length,
    removedCount: changes.removed.length,
    added: changes.added.slice(0, cap),
    removed: changes.removed.slice(0, cap),
    ...(changes.added.length > cap || changes.removed.length > cap ? { truncated: true } : {}),
  };
}
