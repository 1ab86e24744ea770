import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, projectNotFound } from "./errors";
import { normalizeName } from "./names";
import { PROJECT_SELECT, type ProjectRecord } from "./records";

export interface RenameProjectInput {
  accountId: string;
  actor: AuditActor;
  projectId: string;
  name: string;
}

/** Renames a project of the account; audited with the old and new names (nothing recorded if unchanged). */
export async function renameProject(input: RenameProjectInput): Promise<ProjectRecord> {
  const name = normalizeName(input.name, "project");
  if (!isUuid(input.accountId) || !isUuid(input.projectId)) throw projectNotFound();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "Project" WHERE id = ${input.projectId}::uuid AND "accountId" = ${input.accountId}::uuid FOR UPDATE`;
    const before = rows[0];
    if (!before) throw projectNotFound();
    const project = await tx.project.update({ where: { id: input.projectId }, data: { name }, select: PROJECT_SELECT });
    if (before.name !== name) {
      await recordAuditEvent(tx, input.accountId, {
        action: "project.renamed",
        actor: input.actor,
        target: { type: "project", id: project.id, label: name },
        before: { name: before.name },
        after: { name },
      });
    }
    return project;
  });
}
