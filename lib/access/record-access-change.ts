// Audit of directory changes that alter effective roles: a SCIM membership change in a group that (itself or through
// the groups above it) holds role assignments, and the deletion of such a group. One event per change, in the
// change's transaction; lists are capped (a PATCH may add 1,000 members to a group of 100,000).
import { Prisma, type Role } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";

const LIST_CAP = 100;

// A type alias, not an interface: audit payloads must be assignable to Prisma's JSON input type.
type Concerned = {
  assignmentId: string;
  role: Role;
  scope: string;
  heldBy: { id: string; displayName: string };
};

interface AccessChangeContext {
  accountId: string;
  actor: AuditActor;
  requestId?: string;
}

/** The assignments held by the group or by any group above it (cycle-safe), i.e. what its members hold through it. */
async function assignmentsThrough(tx: Tx, accountId: string, groupId: string): Promise<Concerned[]> {
  const rows = await tx.$queryRaw<{ id: string; role: Role; organization: string | null; project: string | null; group_id: string; group_name: string }[]>(Prisma.sql`
    WITH RECURSIVE up(id) AS (
      SELECT ${groupId}::uuid
      UNION
      SELECT m."groupId" FROM up JOIN "DirectoryMembership" m ON m."memberGroupId" = up.id AND m."accountId" = ${accountId}::uuid
    )
    SELECT r.id::text, r.role::text AS role, o.name AS organization, p.name AS project, g.id::text AS group_id, g."displayName" AS group_name
    FROM up JOIN "RoleAssignment" r ON r."groupId" = up.id AND r."accountId" = ${accountId}::uuid
    JOIN "DirectoryGroup" g ON g.id = r."groupId"
    LEFT JOIN "Organization" o ON o.id = r."organizationId"
    LEFT JOIN "Project" p ON p.id = r."projectId"
    ORDER BY g."displayNameKey", r.role, r.id`);
  return rows.map((r) => ({
    assignmentId: r.id,
    role: r.role,
    scope: r.organization !== null ? `organization:${r.organization}` : r.project !== null ? `project:${r.project}` : "account",
    heldBy: { id: r.group_id, displayName: r.group_name },
  }));
}

async function userNames(tx: Tx, accountId: string, ids: string[]): Promise<{ id: string; userName: string }[]> {
  if (!ids.length) return [];
  return tx.$queryRaw<{ id: string; userName: string }[]>`
    SELECT id::text, "userName" FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid AND id = ANY(${ids.slice(0, LIST_CAP)}::uuid[]) ORDER BY "userNameKey"`;
}

/** Nested groups with the number of directory users under each (any depth). */
async function groupsWithUsers(tx: Tx, accountId: string, ids: string[]): Promise<{ id: string; displayName: string; users: number }[]> {
  if (!ids.length) return [];
  return tx.$queryRaw<{ id: string; displayName: string; users: number }[]>(Prisma.sql`
    WITH RECURSIVE down(root, id) AS (
      SELECT g, g FROM unnest(${ids.slice(0, LIST_CAP)}::uuid[]) AS g
      UNION
      SELECT down.root, m."memberGroupId" FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${accountId}::uuid
      WHERE m."memberGroupId" IS NOT NULL
    )
    SELECT g.id::text, g."displayName",
      (SELECT count(DISTINCT m."memberUserId")::int FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${accountId}::uuid
       WHERE down.root = g.id AND m."memberUserId" IS NOT NULL) AS users
    FROM "DirectoryGroup" g WHERE g."accountId" = ${accountId}::uuid AND g.id = ANY(${ids.slice(0, LIST_CAP)}::uuid[])
    ORDER BY g."displayNameKey"`);
}

function assignmentList(concerned: Concerned[]) {
  return { assignmentCount: concerned.length, assignments: concerned.slice(0, LIST_CAP) };
}

export interface MembershipAccessChange {
  usersAdded: string[];
  usersRemoved: string[];
  groupsAdded: string[];
  groupsRemoved: string[];
}

/**
 * Records "access.changed_by_membership" when members joined or left a group through which role assignments flow
 * (nothing when no assignment is concerned). A member may still hold a role through another path; the effective
 * result per user is what explainAccess shows.
 */
export async function recordMembershipAccessChange(tx: Tx, ctx: AccessChangeContext, groupId: string, change: MembershipAccessChange): Promise<void> {
  if (!change.usersAdded.length && !change.usersRemoved.length && !change.groupsAdded.length && !change.groupsRemoved.length) return;
  const concerned = await assignmentsThrough(tx, ctx.accountId, groupId);
  if (!concerned.length) return;
  const group = await tx.directoryGroup.findFirst({ where: { id: groupId, accountId: ctx.accountId }, select: { id: true, displayName: true } });
  const [usersAdded, usersRemoved, groupsAdded, groupsRemoved] = [
    await userNames(tx, ctx.accountId, change.usersAdded),
    await userNames(tx, ctx.accountId, change.usersRemoved),
    await groupsWithUsers(tx, ctx.accountId, change.groupsAdded),
    await groupsWithUsers(tx, ctx.accountId, change.groupsRemoved),
  ];
  await recordAuditEvent(tx, ctx.accountId, {
    action: "access.changed_by_membership",
    actor: ctx.actor,
    target: { type: "directory_group", id: groupId, label: group?.displayName ?? groupId },
    after: {
      group: { id: groupId, displayName: group?.displayName ?? null },
      ...assignmentList(concerned),
      usersAddedCount: change.usersAdded.length,
      usersAdded,
      usersRemovedCount: change.usersRemoved.length,
      usersRemoved,
      groupsAddedCount: change.groupsAdded.length,
      groupsAdded,
      groupsRemovedCount: change.groupsRemoved.length,
      groupsRemoved,
      ...(Math.max(change.usersAdded.length, change.usersRemoved.length, change.groupsAdded.length, change.groupsRemoved.length) > LIST_CAP ? { truncated: true } : {}),
    },
    requestId: ctx.requestId,
  });
}

/**
 * Records "access.changed_by_group_deletion" before a group holding (or passing on) role assignments is deleted:
 * its own assignments go with it, and its users stop receiving those of the groups above it. Call it before the
 * delete, with the directory users under the group.
 */
export async function recordGroupDeletionAccessChange(tx: Tx, ctx: AccessChangeContext, group: { id: string; displayName: string }, usersUnder: string[]): Promise<void> {
  const concerned = await assignmentsThrough(tx, ctx.accountId, group.id);
  if (!concerned.length) return;
  await recordAuditEvent(tx, ctx.accountId, {
    action: "access.changed_by_group_deletion",
    actor: ctx.actor,
    target: { type: "directory_group", id: group.id, label: group.displayName },
    before: {
      group,
      ...assignmentList(concerned),
      removedWithGroup: concerned.filter((c) => c.heldBy.id === group.id).map((c) => c.assignmentId),
      usersAffectedCount: usersUnder.length,
      usersAffected: await userNames(tx, ctx.accountId, usersUnder),
    },
    requestId: ctx.requestId,
  });
}
