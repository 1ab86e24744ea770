// Loads exactly what the resolver needs about one user, in ONE statement bounded by the account: the directory
// user linked to the portal user, its direct groups and every group above them (a recursive CTE with UNION, so
// cycles in the IdP's data end), the nesting edges among them, the assignments of the user and of those groups, and
// the organizations and projects those assignments and bindings name, with their ancestors (or the whole tree).
import { Prisma, type Role, type RoleScope } from "@/lib/generated/prisma/client";
import { db, PREPARED_STATEMENT, type Db, type Tx } from "@/lib/db";
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";
import { buildOrgTree } from "./org-tree";
import { stringValues } from "./organization-keys";
import type { AccessSnapshot, AssignmentRecord, ScopeRef } from "./types";

export interface LoadAccessOptions {
  client?: Tx | Db;
  /** Also load this target (and its ancestors), so that appliesAt can answer for it. */
  target?: ScopeRef;
  /** The account's whole organization tree instead of the part the grants name (for accessibleTargets). */
  fullTree?: boolean;
}

export interface LoadedAccess {
  snapshot: AccessSnapshot;
  /** The directory user linked to the portal user (null for users no IdP provisions), with its organization values. */
  directoryUser: { id: string; organizationKeys: string[] } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

type AssignmentRow = [id: string, role: Role, scope: RoleScope, organizationId: string | null, projectId: string | null, userId: string | null, groupId: string | null];

interface Row {
  directory_user_id: string | null;
  user_orgs: unknown;
  direct: string[];
  groups: [id: string, displayName: string, organizations: unknown][];
  edges: [childId: string, parentId: string][];
  assignments: AssignmentRow[];
  organizations: [id: string, name: string, parentId: string | null, key: string | null][];
  projects: [id: string, name: string, organizationId: string][];
}

const EMPTY: LoadedAccess = {
  snapshot: { directGroupIds: [], groups: [], memberships: [], assignments: [], orgTree: buildOrgTree([], []) },
  directoryUser: null,
};

/**
 * The statement loadAccessSnapshot runs (exported for the benchmark's EXPLAIN). Recursive CTEs are estimated at
 * hundreds of rows when they hold a handful, which made PostgreSQL hash-join whole tables (10,000 groups: 8 ms);
 * the LATERAL ... LIMIT 1 lookups and `= ANY(ARRAY(...))` below keep every step on an index.
 */
export function accessSnapshotSql(accountId: string, userId: string, options: Omit<LoadAccessOptions, "client"> = {}): Prisma.Sql {
  const target = options.target && options.target.type !== "ACCOUNT" && isUuid(options.target.id) ? options.target : undefined;
  const targetOrganization = target?.type === "ORGANIZATION" ? target.id : null;
  const targetProject = target?.type === "PROJECT" ? target.id : null;
  const account = Prisma.sql`${accountId}::uuid`;

  // Either the whole tree, or the organizations named by assignments, projects, bindings and the target, with
  // their ancestors (so that inheritance and bindings can be checked), and the projects named.
  const tree = options.fullTree
    ? Prisma.sql`
      pr AS (SELECT p.id, p.name, p."organizationId" FROM "Project" p WHERE p."accountId" = ${account})`
    : Prisma.sql`
      keys AS (
        SELECT DISTINCT lower(btrim(part)) AS key
        FROM (SELECT orgs FROM grp UNION ALL SELECT orgs FROM du) s
        CROSS JOIN LATERAL jsonb_array_elements_text(
          CASE jsonb_typeof(s.orgs) WHEN 'array' THEN s.orgs WHEN 'string' THEN jsonb_build_array(s.orgs) ELSE '[]'::jsonb END) AS e(value)
        CROSS JOIN LATERAL regexp_split_to_table(e.value, ',') AS part
      ),
      pr AS (
        SELECT p.id, p.name, p."organizationId" FROM "Project" p
        WHERE p."accountId" = ${account}
          AND p.id = ANY(ARRAY(SELECT "projectId" FROM ra WHERE "projectId" IS NOT NULL UNION ALL SELECT ${targetProject}::uuid))
      ),
      seed(id) AS (
        SELECT "organizationId" FROM ra WHERE "organizationId" IS NOT NULL
        UNION SELECT "organizationId" FROM pr
        UNION SELECT o.id FROM "Organization" o WHERE o."accountId" = ${account} AND o.key = ANY(ARRAY(SELECT key FROM keys))
        UNION SELECT ${targetOrganization}::uuid WHERE ${targetOrganization}::uuid IS NOT NULL
      ),
      org_up(id) AS (
        SELECT id FROM seed
        UNION
        SELECT o."parentId" FROM org_up CROSS JOIN LATERAL (
          SELECT "parentId" FROM "Organization" o WHERE o.id = org_up.id AND o."accountId" = ${account} LIMIT 1
        ) o
        WHERE o."parentId" IS NOT NULL
      )`;

  // Prepared once per connection (lib/db.ts): planning this statement costs several times its execution.
  return Prisma.sql`${Prisma.raw(PREPARED_STATEMENT)}
    WITH RECURSIVE
    du AS (
      SELECT d.id, d.attributes -> ${ORGANIZATION_EXTENSION_URN} -> 'organizations' AS orgs
      FROM "DirectoryUser" d WHERE d."accountId" = ${account} AND d."portalUserId" = ${userId}::uuid
    ),
    direct AS (
      SELECT m."groupId" AS id FROM "DirectoryMembership" m JOIN du ON m."memberUserId" = du.id
      WHERE m."accountId" = ${account}
    ),
    up(id) AS (
      SELECT id FROM direct
      UNION
      SELECT m."groupId" FROM up JOIN "DirectoryMembership" m ON m."memberGroupId" = up.id AND m."accountId" = ${account}
    ),
    grp AS (
      SELECT g.id, g."displayName", g.attributes -> ${ORGANIZATION_EXTENSION_URN} -> 'organizations' AS orgs
      FROM up CROSS JOIN LATERAL (
        SELECT id, "displayName", attributes FROM "DirectoryGroup" g WHERE g.id = up.id AND g."accountId" = ${account} LIMIT 1
      ) g
    ),
    ra AS (
      SELECT r.id, r.role, r.scope, r."organizationId", r."projectId", r."userId", r."groupId"
      FROM "RoleAssignment" r
      WHERE r."accountId" = ${account}
        AND r."principalKey" = ANY(ARRAY[${`user:${userId.toLowerCase()}`}::text] || ARRAY(SELECT 'group:' || id::text FROM grp))
    ),
    ${tree}
    SELECT
      (SELECT id::text FROM du) AS directory_user_id,
      (SELECT orgs FROM du) AS user_orgs,
      coalesce((SELECT jsonb_agg(id::text) FROM direct), '[]') AS direct,
      coalesce((SELECT jsonb_agg(jsonb_build_array(id::text, "displayName", orgs)) FROM grp), '[]') AS groups,
      coalesce((
        SELECT jsonb_agg(jsonb_build_array(m."memberGroupId"::text, m."groupId"::text)) FROM "DirectoryMembership" m
        WHERE m."accountId" = ${account} AND m."memberGroupId" = ANY(ARRAY(SELECT id FROM up))
      ), '[]') AS edges,
      coalesce((
        SELECT jsonb_agg(jsonb_build_array(id::text, role, scope, "organizationId"::text, "projectId"::text, "userId"::text, "groupId"::text)) FROM ra
      ), '[]') AS assignments,
      coalesce((
        SELECT jsonb_agg(jsonb_build_array(o.id::text, o.name, o."parentId"::text, o.key)) FROM "Organization" o
        WHERE o."accountId" = ${account} ${options.fullTree ? Prisma.empty : Prisma.sql`AND o.id = ANY(ARRAY(SELECT id FROM org_up))`}
      ), '[]') AS organizations,
      coalesce((SELECT jsonb_agg(jsonb_build_array(id::text, name, "organizationId"::text)) FROM pr), '[]') AS projects`;
}

export async function loadAccessSnapshot(accountId: string, userId: string, options: LoadAccessOptions = {}): Promise<LoadedAccess> {
  if (!isUuid(accountId) || !isUuid(userId)) return EMPTY;
  const rows = await (options.client ?? db).$queryRaw<Row[]>(accessSnapshotSql(accountId, userId, options));
  const row = rows[0];
  if (!row) return EMPTY;

  const assignments = row.assignments.flatMap(([id, role, scope, organizationId, projectId, assignedUser, groupId]): AssignmentRecord[] => {
    const principal = assignedUser !== null ? { type: "user" as const, id: assignedUser } : groupId !== null ? { type: "group" as const, id: groupId } : null;
    const where: ScopeRef | null =
      scope === "ACCOUNT" ? { type: "ACCOUNT" } : scope === "ORGANIZATION" && organizationId ? { type: "ORGANIZATION", id: organizationId } : projectId ? { type: "PROJECT", id: projectId } : null;
    return principal && where ? [{ id, role, principal, scope: where }] : [];
  });
  return {
    snapshot: {
      directGroupIds: row.direct,
      groups: row.groups.map(([id, displayName, organizations]) => ({ id, displayName, organizationKeys: stringValues(organizations) })),
      memberships: row.edges.map(([childId, parentId]) => ({ childId, parentId })),
      assignments,
      orgTree: buildOrgTree(
        row.organizations.map(([id, name, parentId, key]) => ({ id, name, parentId, key })),
        row.projects.map(([id, name, organizationId]) => ({ id, name, organizationId })),
      ),
    },
    directoryUser:
      row.directory_user_id === null
        ? null
        : { id: row.directory_user_id, organizationKeys: stringValues(row.user_orgs) },
  };
}
