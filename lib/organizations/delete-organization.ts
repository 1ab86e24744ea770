import { db } from "@/lib/db";
import { lockAccountAccess } from "@/lib/access/assign-role";
import { recordAuditEvents, type AuditActor, type AuditEventInput } from "@/lib/audit/record-audit-event";
import { formatCount } from "@/lib/format";
import { isUuid, OrganizationError, organizationNotFound } from "./errors";
import { organizationSubtree, type OrganizationSubtree, type RemovedAssignment } from "./subtree";
import { lockOrganizationTree } from "./tree-lock";

export interface DeleteOrganizationInput {
  accountId: string;
  actor: AuditActor;
  organizationId: string;
  /** Also delete every organization and project under it (and the role assignments on them). */
  cascade?: boolean;
}

export interface DeletedOrganization extends OrganizationSubtree {
  id: string;
  name: string;
}

/** "A, B, C and 2 more". */
function someNames(names: string[], shown = 5): string {
  const listed = names.slice(0, shown).join(", ");
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}

function assignmentsAudit(assignments: RemovedAssignment[]) {
  return assignments.map((a) => ({ id: a.id, role: a.role, principal: a.principal, principalLabel: a.principalLabel }));
}

/**
 * Deletes an organization. Without `cascade` it is refused while the organization still holds child organizations
 * or projects (the message names them). With `cascade` the whole subtree goes: projects, then organizations from
 * the deepest up; role assignments on any of them go too (foreign-key cascade). Every removed organization and
 * project gets an audit event listing the role assignments that went with it, in the same transaction.
 */
export async function deleteOrganization(input: DeleteOrganizationInput): Promise<DeletedOrganization> {
  const { accountId, organizationId } = input;
  if (!isUuid(accountId) || !isUuid(organizationId)) throw organizationNotFound();
  return db.$transaction(async (tx) => {
    await lockOrganizationTree(tx, accountId);
    // Role changes take this lock too: an assignment cannot be added to what is being deleted, unaudited.
    await lockAccountAccess(tx, accountId);
    const subtree = await organizationSubtree(tx, accountId, organizationId);
    const root = subtree.organizations[0];
    if (!root) throw organizationNotFound();

    if (!input.cascade) {
      const children = subtree.organizations.filter((o) => o.parentId === root.id);
      const projects = subtree.projects.filter((p) => p.organizationId === root.id);
      if (children.length > 0 || projects.length > 0) {
        const holds = [
          children.length > 0 ? `${formatCount(children.length, "organization")} (${someNames(children.map((c) => c.name))})` : null,
          projects.length > 0 ? `${formatCount(projects.length, "project")} (${someNames(projects.map((p) => p.name))})` : null,
        ].filter((part): part is string => part !== null);
        throw new OrganizationError(
          "not-empty",
          `"${root.name}" still holds ${holds.join(" and ")}. Move or delete them first, or delete the organization together with everything in it.`,
        );
      }
    }

    const projectIds = subtree.projects.map((p) => p.id);
    await tx.roleAssignment.deleteMany({ where: { accountId, id: { in: subtree.roleAssignments.map((a) => a.id) } } });
    await tx.project.deleteMany({ where: { accountId, id: { in: projectIds } } });
    // Deepest first: the parent link is ON DELETE RESTRICT, so a parent cannot go before its children.
    const byDepth = [...new Set(subtree.organizations.map((o) => o.depth))].sort((a, b) => b - a);
    for (const depth of byDepth) {
      await tx.organization.deleteMany({ where: { accountId, id: { in: subtree.organizations.filter((o) => o.depth === depth).map((o) => o.id) } } });
    }

    const nameOf = new Map(subtree.organizations.map((o) => [o.id, o.name]));
    const parentName = root.parentId ? ((await tx.organization.findFirst({ where: { id: root.parentId, accountId }, select: { name: true } }))?.name ?? null) : null;
    const deletedWith = { id: root.id, name: root.name };
    const events: AuditEventInput[] = [
      {
        action: "organization.deleted",
        actor: input.actor,
        target: { type: "organization", id: root.id, label: root.name },
        before: {
          name: root.name,
          key: root.key,
          parentId: root.parentId,
          parentName,
          roleAssignments: assignmentsAudit(subtree.roleAssignments.filter((a) => a.organizationId === root.id)),
        },
        after: {
          cascade: input.cascade === true,
          removedOrganizations: subtree.organizations.slice(1).map((o) => ({ id: o.id, name: o.name })),
          removedProjects: subtree.projects.map((p) => ({ id: p.id, name: p.name })),
          removedRoleAssignments: subtree.roleAssignments.length,
        },
      },
      ...subtree.organizations.slice(1).map((o) => ({
        action: "organization.deleted",
        actor: input.actor,
        target: { type: "organization", id: o.id, label: o.name },
        before: {
          name: o.name,
          key: o.key,
          parentId: o.parentId,
          parentName: o.parentId ? (nameOf.get(o.parentId) ?? null) : null,
          roleAssignments: assignmentsAudit(subtree.roleAssignments.filter((a) => a.organizationId === o.id)),
        },
        after: { deletedWith },
      })),
      ...subtree.projects.map((p) => ({
        action: "project.deleted",
        actor: input.actor,
        target: { type: "project", id: p.id, label: p.name },
        before: {
          name: p.name,
          organizationId: p.organizationId,
          organizationName: nameOf.get(p.organizationId) ?? null,
          roleAssignments: assignmentsAudit(subtree.roleAssignments.filter((a) => a.projectId === p.id)),
        },
        after: { deletedWith },
      })),
    ];
    await recordAuditEvents(tx, accountId, events);
    return { id: root.id, name: root.name, ...subtree };
  });
}
