import { Prisma, type Role } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { AccessError } from "./access-error";
import { countUsersReached } from "./count-users-reached";
import { compactScope, effectiveRoleList } from "./effective-role-list";
import { isUuid } from "./load-access-snapshot";
import { normaliseOrganizationKeys, organizationValuesOf } from "./organization-keys";
import { describeScope } from "./org-tree";
import { isAssignableAt, ROLE_CATALOGUE } from "./roles";
import type { GrantScope, ScopeRef } from "./types";

export type PrincipalInput = { userId: string } | { groupId: string };

export interface AssignRoleInput {
  accountId: string;
  actor: AuditActor;
  principal: PrincipalInput;
  role: Role;
  scope: ScopeRef;
  requestId?: string;
}

export interface AssignedRole {
  assignmentId: string;
  role: Role;
  scope: GrantScope;
  principal: { type: "user"; id: string; label: string } | { type: "group"; id: string; label: string };
}

const SCOPE_WORD = { ACCOUNT: "the account", ORGANIZATION: "an organization", PROJECT: "a project" } as const;

/** Serialises role changes of one account (the last-administrator check of removeAssignment relies on it). */
export async function lockAccountAccess(tx: Tx, accountId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`access:${accountId}`}, 0))`;
}

async function findScope(tx: Tx, accountId: string, scope: ScopeRef): Promise<{ named: GrantScope; organizationId: string | null }> {
  if (scope.type === "ACCOUNT") return { named: { type: "ACCOUNT" }, organizationId: null };
  if (scope.type === "ORGANIZATION") {
    const o = isUuid(scope.id) ? await tx.organization.findFirst({ where: { id: scope.id, accountId }, select: { id: true, name: true } }) : null;
    if (!o) throw new AccessError("scope-not-found", "That organization does not exist in this account (it may have been deleted).");
    return { named: { type: "ORGANIZATION", id: o.id, name: o.name }, organizationId: o.id };
  }
  const p = isUuid(scope.id) ? await tx.project.findFirst({ where: { id: scope.id, accountId }, select: { id: true, name: true, organizationId: true } }) : null;
  if (!p) throw new AccessError("scope-not-found", "That project does not exist in this account (it may have been deleted).");
  return { named: { type: "PROJECT", id: p.id, name: p.name }, organizationId: p.organizationId };
}

/** The keys of the organization and its ancestors (cycle-safe through UNION). */
async function ancestorKeys(tx: Tx, accountId: string, organizationId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ key: string }[]>(Prisma.sql`
    WITH RECURSIVE up(id, key, parent) AS (
      SELECT o.id, o.key, o."parentId" FROM "Organization" o WHERE o.id = ${organizationId}::uuid AND o."accountId" = ${accountId}::uuid
      UNION
      SELECT o.id, o.key, o."parentId" FROM up JOIN "Organization" o ON o.id = up.parent WHERE o."accountId" = ${accountId}::uuid
    )
    SELECT lower(key) AS key FROM up WHERE key IS NOT NULL`);
  return rows.map((r) => r.key);
}

/** A group bound to organizations (our SCIM extension) may only be given roles inside them. */
async function checkBinding(tx: Tx, accountId: string, group: { displayName: string; attributes: unknown }, scope: { named: GrantScope; organizationId: string | null }) {
  const keys = normaliseOrganizationKeys(organizationValuesOf(group.attributes));
  if (!keys.length) return;
  const inside = scope.organizationId !== null && (await ancestorKeys(tx, accountId, scope.organizationId)).some((k) => keys.includes(k));
  if (!inside) {
    throw new AccessError(
      "outside-group-binding",
      `The identity provider binds group "${group.displayName}" to organization key(s) ${keys.map((k) => `"${k}"`).join(", ")}: it can only be given roles inside those organizations, not at ${describeScope(scope.named)}.`,
    );
  }
}

/**
 * Gives a role to a user or a directory group at a scope, in one transaction with its audit event (for a user, their
 * effective roles before and after; for a group, how many users it reaches). Throws AccessError when the role is not
 * assignable there, something is not in the account, a group's organization binding excludes the scope, or the
 * assignment exists already.
 */
export async function assignRole(input: AssignRoleInput): Promise<AssignedRole> {
  const { accountId, role } = input;
  const definition = Object.hasOwn(ROLE_CATALOGUE, role) ? ROLE_CATALOGUE[role] : undefined;
  if (!definition) throw new AccessError("not-assignable-here", "That role does not exist.");
  if (!isAssignableAt(role, input.scope.type)) {
    throw new AccessError(
      "not-assignable-here",
      `${definition.label} cannot be assigned at ${SCOPE_WORD[input.scope.type]}; it can be assigned at ${definition.assignableAt.map((s) => SCOPE_WORD[s]).join(" or ")}.`,
    );
  }
  if (!isUuid(accountId)) throw new AccessError("scope-not-found", "That account does not exist.");
  try {
    return await db.$transaction(async (tx) => {
      await lockAccountAccess(tx, accountId);
      const scope = await findScope(tx, accountId, input.scope);
      const scopeColumns = {
        scope: input.scope.type,
        organizationId: scope.named.type === "ORGANIZATION" ? scope.named.id : null,
        projectId: scope.named.type === "PROJECT" ? scope.named.id : null,
        scopeKey: scope.named.type === "ACCOUNT" ? "account" : `${scope.named.type.toLowerCase()}:${scope.named.id}`,
      };
      const summary = { role, scope: compactScope(scope.named) };
      const duplicateCheck = async (principalKey: string, who: string) => {
        const existing = await tx.roleAssignment.findFirst({ where: { accountId, principalKey, role, scopeKey: scopeColumns.scopeKey }, select: { id: true } });
        if (existing) throw new AccessError("duplicate", `${who} already has ${definition.label} at ${describeScope(scope.named)}.`);
      };

      if ("userId" in input.principal) {
        const userId = input.principal.userId;
        const user = isUuid(userId) ? await tx.user.findFirst({ where: { id: userId, accountId }, select: { id: true, userName: true } }) : null;
        if (!user) throw new AccessError("user-not-found", "That user does not exist in this account.");
        await duplicateCheck(`user:${user.id}`, user.userName);
        const before = await effectiveRoleList(tx, accountId, user.id);
        const created = await tx.roleAssignment.create({
          data: { accountId, role, userId: user.id, ...scopeColumns, grantedBy: "ADMINISTRATOR", principalKey: `user:${user.id}` },
          select: { id: true },
        });
        await recordAuditEvent(tx, accountId, {
          action: "access.role_assigned",
          actor: input.actor,
          target: { type: "user", id: user.id, label: user.userName },
          before: { effectiveRoles: before },
          after: { assignmentId: created.id, ...summary, effectiveRoles: await effectiveRoleList(tx, accountId, user.id) },
          requestId: input.requestId,
        });
        return { assignmentId: created.id, role, scope: scope.named, principal: { type: "user", id: user.id, label: user.userName } };
      }

      const groupId = input.principal.groupId;
      const group = isUuid(groupId) ? await tx.directoryGroup.findFirst({ where: { id: groupId, accountId }, select: { id: true, displayName: true, attributes: true } }) : null;
      if (!group) throw new AccessError("group-not-found", "That group does not exist in this account's directory (the identity provider may have deleted it).");
      await checkBinding(tx, accountId, group, scope);
      await duplicateCheck(`group:${group.id}`, `Group "${group.displayName}"`);
      const created = await tx.roleAssignment.create({
        data: { accountId, role, groupId: group.id, ...scopeColumns, grantedBy: "ADMINISTRATOR", principalKey: `group:${group.id}` },
        select: { id: true },
      });
      await recordAuditEvent(tx, accountId, {
        action: "access.role_assigned",
        actor: input.actor,
        target: { type: "directory_group", id: group.id, label: group.displayName },
        after: { assignmentId: created.id, ...summary, group: { id: group.id, displayName: group.displayName }, usersReached: await countUsersReached(accountId, group.id, tx) },
        requestId: input.requestId,
      });
      return { assignmentId: created.id, role, scope: scope.named, principal: { type: "group", id: group.id, label: group.displayName } };
    });
  } catch (error) {
    // The check above runs under the account's lock; a writer that does not take it (bootstrap) can still race.
    if (isUniqueViolation(error)) throw new AccessError("duplicate", `That ${definition.label} assignment exists already.`);
    throw error;
  }
}
