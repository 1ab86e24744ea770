import { can } from "@/lib/access/explain-access";
import { ROLE_CATALOGUE, rolesGranting } from "@/lib/access/roles";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { OrganizationError } from "./errors";
import type { ProjectRecord } from "./records";
import { renameProject } from "./rename-project";

export interface RenameProjectAsMemberInput {
  accountId: string;
  /** The person asking: the rename needs project.administer on the project, however they hold it. */
  userId: string;
  actor: AuditActor;
  projectId: string;
  name: string;
}

/**
 * Renames a project on behalf of someone working in it (the project page), not an account administrator's console:
 * refused unless a role that applies at the project (direct, group, inherited or account-wide) allows
 * project.administer.
 */
export async function renameProjectAsMember(input: RenameProjectAsMemberInput): Promise<ProjectRecord> {
  if (!(await can(input.accountId, input.userId, "project.administer", { type: "PROJECT", id: input.projectId }))) {
    const roles = rolesGranting("project.administer").map((role) => ROLE_CATALOGUE[role].label);
    throw new OrganizationError("forbidden", `Renaming this project needs one of these roles on it: ${roles.join(", ")}.`);
  }
  return renameProject({ accountId: input.accountId, actor: input.actor, projectId: input.projectId, name: input.name });
}
