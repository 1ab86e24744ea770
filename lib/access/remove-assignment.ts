import { Prisma, type Role, type RoleScope } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { AccessError } from "./access-error";
import { lockAccountAccess } from "./assign-role";
import { countUsersReached } from "./count-users-reached";
import { compactScope, effectiveRoleList } from "./effective-role-list";
import { isUuid } from "./load-access-snapshot";
import type { GrantScope } from "./types";

interface AssignmentRow {
  id: string;
  role: Role;
  scope: RoleScope;
  user_id: string | null;
  user_name: string | null;
  group_id: string | null;
  group_name: string | null;
  organization_id: string | null;
  organization_name: string | null;
  project_id: string | null;
  project_name: string | null;
}

export interface RemoveAssignmentInput {
  accountId: string;
  actor: AuditActor;
  assignmentId: string;
  requestId?: string;
}

/**
 * Whether another account-wide Administrator assignment still reaches an active portal user (directly, or through
 * a group and its nested groups), so that removing this one cannot lock everyone out.
 */
async function anotherAdministratorRemains(tx: Tx, accountId: string, assignmentId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ ok: boolean }[]>(Prisma.sql`
    WITH RECURSIVE down(id) AS (
      SELECT r."groupId" FROM "RoleAssignment" r
      WHERE r."accountId" = ${accountId}::uuid AND r.role = 'ADMINISTRATOR' AND r.scope = 'ACCOUNT' AND r.id <> ${assignmentId}::uuid AND r."groupId" IS NOT NULL
      UNION
      SELECT m."memberGroupId" FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${accountId}::uuid
      WHERE m."memberGroupId" IS NOT NULL
    )
    SELECT EXISTS (
      SELECT 1 FROM "RoleAssignment" r JOIN "User" u ON u.id = r."userId"
      WHERE r."accountId" = ${accountId}::uuid AND r.role = 'ADMINISTRATOR' AND r.scope = 'ACCOUNT' AND r.id <> ${assignmentId}::uuid AND u.active
    ) OR EXISTS (
      SELECT 1 FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${accountId}::uuid
      JOIN "DirectoryUser" d ON d.id = m."memberUserId" JOIN "User" u ON u.id = d."portalUserId"
      WHERE u.active
    ) AS ok`);
  return rows[0]?.ok === true;
}

/**
 * Removes one role assignment, in one transaction with its audit event (a user's effective roles before and after;
 * a group's users reached). Only that assignment goes: what the user holds individually or through other groups
 * stays. Refuses to remove the last account-wide Administrator assignment that reaches an active user.
 */
export async function removeAssignment(input: RemoveAssignmentInput): Promise<void> {
  const { accountId, assignmentId } = input;
  const notFound = () => new AccessError("assignment-not-found", "That role assignment does not exist (it may have been removed already).");
  if (!isUuid(accountId) || !isUuid(assignmentId)) throw notFound();
  await db.$transaction(async (tx) => {
    await lockAccountAccess(tx, accountId);
    // One joined read (a nested Prisma select would run its relation queries concurrently on the transaction's connection).
    const [assignment] = await tx.$queryRaw<AssignmentRow[]>(Prisma.sql`
      SELECT r.id::text, r.role::text AS role, r.scope::text AS scope, u.id::text AS user_id, u."userName" AS user_name,
             g.id::text AS group_id, g."displayName" AS group_name, o.id::text AS organization_id, o.name AS organization_name,
             p.id::text AS project_id, p.name AS project_name
      FROM "RoleAssignment" r
      LEFT JOIN "User" u ON u.id = r."userId"
      LEFT JOIN "DirectoryGroup" g ON g.id = r."groupId"
      LEFT JOIN "Organization" o ON o.id = r."organizationId"
      LEFT JOIN "Project" p ON p.id = r."projectId"
      WHERE r.id = ${assignmentId}::uuid AND r."accountId" = ${accountId}::uuid`);
    if (!assignment) throw notFound();
    if (assignment.role === "ADMINISTRATOR" && assignment.scope === "ACCOUNT" && !(await anotherAdministratorRemains(tx, accountId, assignment.id))) {
      throw new AccessError("last-administrator", "This is the last Administrator role on the account that reaches an active user; give the role to someone else first.");
    }
    const scope: GrantScope =
      assignment.organization_id !== null
        ? { type: "ORGANIZATION", id: assignment.organization_id, name: assignment.organization_name ?? "" }
        : assignment.project_id !== null
          ? { type: "PROJECT", id: assignment.project_id, name: assignment.project_name ?? "" }
          : { type: "ACCOUNT" };
    const summary = { assignmentId: assignment.id, role: assignment.role, scope: compactScope(scope) };

    if (assignment.user_id !== null) {
      const user = { id: assignment.user_id, userName: assignment.user_name ?? assignment.user_id };
      const before = await effectiveRoleList(tx, accountId, user.id);
      await tx.roleAssignment.delete({ where: { id: assignment.id } });
      await recordAuditEvent(tx, accountId, {
        action: "access.role_removed",
        actor: input.actor,
        target: { type: "user", id: user.id, label: user.userName },
        before: { ...summary, effectiveRoles: before },
        after: { effectiveRoles: await effectiveRoleList(tx, accountId, user.id) },
        requestId: input.requestId,
      });
      return;
    }
    const group = assignment.group_id !== null ? { id: assignment.group_id, displayName: assignment.group_name ?? assignment.group_id } : null;
    const usersReached = group ? await countUsersReached(accountId, group.id, tx) : 0;
    await tx.roleAssignment.delete({ where: { id: assignment.id } });
    await recordAuditEvent(tx, accountId, {
      action: "access.role_removed",
      actor: input.actor,
      target: group ? { type: "directory_group", id: group.id, label: group.displayName } : { type: "role_assignment", id: assignment.id },
      before: { ...summary, ...(group ? { group } : {}), usersReached },
      requestId: input.requestId,
    });
  });
}
