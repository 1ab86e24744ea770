import { db } from "@/lib/db";

/** How many role assignments name each organization and each project of the account (what a delete would remove). */
export async function countAssignmentsByScope(accountId: string): Promise<{ organizations: Map<string, number>; projects: Map<string, number> }> {
  const rows = await db.roleAssignment.groupBy({
    by: ["organizationId", "projectId"],
    where: { accountId, scope: { in: ["ORGANIZATION", "PROJECT"] } },
    _count: { _all: true },
  });
  const organizations = new Map<string, number>();
  const projects = new Map<string, number>();
  for (const row of rows) {
    if (row.projectId) projects.set(row.projectId, (projects.get(row.projectId) ?? 0) + row._count._all);
    else if (row.organizationId) organizations.set(row.organizationId, (organizations.get(row.organizationId) ?? 0) + row._count._all);
  }
  return { organizations, projects };
}
