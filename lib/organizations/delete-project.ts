import { db } from "@/lib/db";
import { lockAccountAccess } from "@/lib/access/assign-role";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, projectNotFound } from "./errors";
import type { ProjectRecord } from "./records";
import { lockOrganizationTree } from "./tree-lock";

export interface DeleteProjectInput {
  accountId: string;
  actor: AuditActor;
  projectId: string;
}

export interface DeletedProject extends ProjectRecord {
  /** Role assignments on the project, removed with it. */
  roleAssignments: { id: string; role: string; principal: string; principalLabel: string }[];
}

/** Deletes a project and the role assignments on it; the audit event lists what went with it. */
export async function deleteProject(input: DeleteProjectInput): Promise<DeletedProject> {
  const { accountId, projectId } = input;
  if (!isUuid(accountId) || !isUuid(projectId)) throw projectNotFound();
  return db.$transaction(async (tx) => {
    await lockOrganizationTree(tx, accountId);
    // Role changes take this lock too: an assignment cannot be added to what is being deleted, unaudited.
    await lockAccountAccess(tx, accountId);
    const project = await tx.project.findFirst({
      where: { id: projectId, accountId },
      select: {
        id: true,
        name: true,
        organizationId: true,
        organization: { select: { name: true } },
        roleAssignments: {
          select: { id: true, role: true, userId: true, groupId: true, user: { select: { userName: true } }, group: { select: { displayName: true } } },
          orderBy: { createdAt: "asc" },
        },
      },
    });
    if (!project) throw projectNotFound();
    const roleAssignments = project.roleAssignments.map((a) => ({
      id: a.id,
      role: a.role,
      principal: a.userId ? `user:${a.userId}` : `group:${a.groupId ?? ""}`,
      principalLabel: a.user?.userName ?? a.group?.displayName ?? "unknown",
    }));
    await tx.roleAssignment.deleteMany({ where: { accountId, projectId } });
    await tx.project.delete({ where: { id: projectId } });
    await recordAuditEvent(tx, accountId, {
      action: "project.deleted",
      actor: input.actor,
      target: { type: "project", id: projectId, label: project.name },
      before: { name: project.name, organizationId: project.organizationId, organizationName: project.organization.name, roleAssignments },
    });
    return { id: project.id, name: project.name, organizationId: project.organizationId, roleAssignments };
  });
}
