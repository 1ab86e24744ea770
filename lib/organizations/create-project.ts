import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, organizationNotFound } from "./errors";
import { normalizeName } from "./names";
import { PROJECT_SELECT, type ProjectRecord } from "./records";
import { lockOrganizationTree } from "./tree-lock";

export interface CreateProjectInput {
  accountId: string;
  actor: AuditActor;
  organizationId: string;
  name: string;
}

/** Creates a project in one of the account's organizations, audited in the same transaction. */
export async function createProject(input: CreateProjectInput): Promise<ProjectRecord> {
  const name = normalizeName(input.name, "project");
  if (!isUuid(input.accountId) || !isUuid(input.organizationId)) throw organizationNotFound();
  return db.$transaction(async (tx) => {
    await lockOrganizationTree(tx, input.accountId);
    const organization = await tx.organization.findFirst({ where: { id: input.organizationId, accountId: input.accountId }, select: { name: true } });
    if (!organization) throw organizationNotFound();
    const project = await tx.project.create({ data: { accountId: input.accountId, organizationId: input.organizationId, name }, select: PROJECT_SELECT });
    await recordAuditEvent(tx, input.accountId, {
      action: "project.created",
      actor: input.actor,
      target: { type: "project", id: project.id, label: name },
      after: { name, organizationId: input.organizationId, organizationName: organization.name },
    });
    return project;
  });
}
