import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";

export interface SubtreeOrganization {
  id: string;
  name: string;
  key: string | null;
  parentId: string | null;
  /** 0 for the organization itself, 1 for its children... */
  depth: number;
}

export interface RemovedAssignment {
  id: string;
  role: string;
  /** "user:<id>" or "group:<id>", with a readable label. */
  principal: string;
  principalLabel: string;
  organizationId: string | null;
  projectId: string | null;
}

/** Everything an organization holds, itself included: what a cascading delete removes. */
export interface OrganizationSubtree {
  organizations: SubtreeOrganization[];
  projects: { id: string; name: string; organizationId: string }[];
  roleAssignments: RemovedAssignment[];
}

/**
 * The organization and all its descendants (depth-first order does not matter; depth is given), their projects and
 * the role assignments on any of them. Empty `organizations` when the id is not one of the account's organizations.
 * The CYCLE clause keeps a corrupt tree from looping.
 */
export async function organizationSubtree(client: Tx | Db, accountId: string, organizationId: string): Promise<OrganizationSubtree> {
  const organizations = await client.$queryRaw<{ id: string; name: string; key: string | null; parent_id: string | null; depth: number }[]>(Prisma.sql`
    WITH RECURSIVE down(id, name, key, "parentId", depth) AS (
      SELECT id, name, key, "parentId", 0 FROM "Organization" WHERE id = ${organizationId}::uuid AND "accountId" = ${accountId}::uuid
      UNION ALL
      SELECT o.id, o.name, o.key, o."parentId", down.depth + 1
      FROM "Organization" o JOIN down ON o."parentId" = down.id
      WHERE o."accountId" = ${accountId}::uuid
    ) CYCLE id SET is_cycle USING path
    SELECT id::text, name, key, "parentId"::text AS parent_id, depth FROM down WHERE NOT is_cycle ORDER BY depth, name`);
  if (organizations.length === 0) return { organizations: [], projects: [], roleAssignments: [] };
  const organizationIds = organizations.map((o) => o.id);
  const projects = await client.project.findMany({
    where: { accountId, organizationId: { in: organizationIds } },
    select: { id: true, name: true, organizationId: true },
    orderBy: { name: "asc" },
  });
  const assignments = await client.roleAssignment.findMany({
    where: { accountId, OR: [{ organizationId: { in: organizationIds } }, { projectId: { in: projects.map((p) => p.id) } }] },
    select: {
      id: true,
      role: true,
      userId: true,
      groupId: true,
      organizationId: true,
      projectId: true,
      user: { select: { userName: true } },
      group: { select: { displayName: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return {
    organizations: organizations.map((o) => ({ id: o.id, name: o.name, key: o.key, parentId: o.parent_id, depth: o.depth })),
    projects,
    roleAssignments: assignments.map((a) => ({
      id: a.id,
      role: a.role,
      principal: a.userId ? `user:${a.userId}` : `group:${a.groupId ?? ""}`,
      principalLabel: a.user?.userName ?? a.group?.displayName ?? "unknown",
      organizationId: a.organizationId,
      projectId: a.projectId,
    })),
  };
}
