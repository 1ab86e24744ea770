import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, OrganizationError, projectNotFound } from "./errors";
import { PROJECT_SELECT, type ProjectRecord } from "./records";
import { lockOrganizationTree } from "./tree-lock";

export interface MoveProjectInput {
  accountId: string;
  actor: AuditActor;
  projectId: string;
  /** The organization (of the same account) the project moves to. */
  organizationId: string;
}

/** Moves a project to another organization of the same account, audited with both organizations. */
export async function moveProject(input: MoveProjectInput): Promise<ProjectRecord> {
  const { accountId, projectId, organizationId } = input;
  if (!isUuid(accountId) || !isUuid(projectId)) throw projectNotFound();
  const targetMissing = () => new OrganizationError("not-found", "The organization to move the project to does not exist (it may have been deleted).");
  if (!isUuid(organizationId)) throw targetMissing();
  return db.$transaction(async (tx) => {
    await lockOrganizationTree(tx, accountId);
    const project = await tx.project.findFirst({
      where: { id: projectId, accountId },
      select: { ...PROJECT_SELECT, organization: { select: { name: true } } },
    });
    if (!project) throw projectNotFound();
    const { organization: from, ...record } = project;
    if (project.organizationId === organizationId) return record;
    const to = await tx.organization.findFirst({ where: { id: organizationId, accountId }, select: { name: true } });
    if (!to) throw targetMissing();
    const moved = await tx.project.update({ where: { id: projectId }, data: { organizationId }, select: PROJECT_SELECT });
    await recordAuditEvent(tx, accountId, {
      action: "project.moved",
      actor: input.actor,
      target: { type: "project", id: projectId, label: project.name },
      before: { organizationId: project.organizationId, organizationName: from.name },
      after: { organizationId, organizationName: to.name },
    });
    return moved;
  });
}
