import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { countUsersReached } from "@/lib/access/count-users-reached";
import { ROLES } from "@/lib/access/roles";
import { isUuid } from "./errors";

export interface ProjectDetails {
  id: string;
  name: string;
  organizationId: string;
  /** From the top-level organization down to the project's own. */
  organizations: { id: string; name: string }[];
}

/** A project of the account with the path of organizations above it; null when the account has no such project. */
export async function getProjectDetails(accountId: string, projectId: string): Promise<ProjectDetails | null> {
  if (!isUuid(accountId) || !isUuid(projectId)) return null;
  const project = await db.project.findFirst({ where: { id: projectId, accountId }, select: { id: true, name: true, organizationId: true } });
  if (!project) return null;
  const path = await db.$queryRaw<{ id: string; name: string; depth: number }[]>(Prisma.sql`
    WITH RECURSIVE up(id, name, "parentId", depth) AS (
      SELECT id, name, "parentId", 0 FROM "Organization" WHERE id = ${project.organizationId}::uuid AND "accountId" = ${accountId}::uuid
      UNION ALL
      SELECT o.id, o.name, o."parentId", up.depth + 1 FROM "Organization" o JOIN up ON o.id = up."parentId" WHERE o."accountId" = ${accountId}::uuid
    ) CYCLE id SET is_cycle USING trail
    SELECT id::text, name, depth FROM up WHERE NOT is_cycle ORDER BY depth DESC`);
  return { ...project, organizations: path.map((o) => ({ id: o.id, name: o.name })) };
}

export interface ProjectAccessEntry {
  assignmentId: string;
  role: Role;
  principal: { type: "user"; id: string; label: string; detail: string | null } | { type: "group"; id: string; label: string; usersReached: number };
  /** Where the assignment is given: on the project itself, on an organization above it, or on the whole account. */
  givenOn: { type: "PROJECT" } | { type: "ORGANIZATION"; id: string; name: string } | { type: "ACCOUNT" };
}

/**
 * Every role assignment that reaches the project: on it, on one of the organizations above it (inheritance), or on the
 * whole account; given to a user or to a directory group (with how many users the group reaches through nesting).
 * Nearest first, then by role.
 */
export async function listProjectAccess(accountId: string, project: ProjectDetails): Promise<ProjectAccessEntry[]> {
  const organizationIds = project.organizations.map((o) => o.id);
  const depth = new Map(organizationIds.map((id, index) => [id, organizationIds.length - index]));
  const rows = await db.roleAssignment.findMany({
    where: { accountId, OR: [{ projectId: project.id }, { organizationId: { in: organizationIds } }, { scope: "ACCOUNT" }] },
    select: {
      id: true,
      role: true,
      scope: true,
      organization: { select: { id: true, name: true } },
      user: { select: { id: true, userName: true, name: true } },
      group: { select: { id: true, displayName: true } },
    },
  });
  const groupIds = [...new Set(rows.flatMap((r) => (r.group ? [r.group.id] : [])))];
  const reached = new Map(await Promise.all(groupIds.map(async (id) => [id, await countUsersReached(accountId, id)] as const)));
  const entries = rows.flatMap((r): ProjectAccessEntry[] => {
    const principal: ProjectAccessEntry["principal"] | null = r.user
      ? { type: "user", id: r.user.id, label: r.user.name ?? r.user.userName, detail: r.user.name ? r.user.userName : null }
      : r.group
        ? { type: "group", id: r.group.id, label: r.group.displayName, usersReached: reached.get(r.group.id) ?? 0 }
        : null;
    if (!principal) return [];
    const givenOn: ProjectAccessEntry["givenOn"] =
      r.scope === "PROJECT" ? { type: "PROJECT" } : r.scope === "ORGANIZATION" && r.organization ? { type: "ORGANIZATION", ...r.organization } : { type: "ACCOUNT" };
    return [{ assignmentId: r.id, role: r.role, principal, givenOn }];
  });
  const distance = (e: ProjectAccessEntry) => (e.givenOn.type === "PROJECT" ? 0 : e.givenOn.type === "ORGANIZATION" ? (depth.get(e.givenOn.id) ?? 99) : 100);
  return entries.sort((a, b) => distance(a) - distance(b) || ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.principal.label.localeCompare(b.principal.label));
}
