import { Prisma, type Role, type RoleGrant } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";
import { isUuid } from "./load-access-snapshot";
import { stringValues } from "./organization-keys";
import type { GrantScope } from "./types";

export interface GroupMapping {
  assignmentId: string;
  groupId: string;
  groupName: string;
  /** The organization keys the IdP binds the group to (our SCIM extension), as sent; empty when unbound. */
  groupOrganizationKeys: string[];
  role: Role;
  scope: GrantScope;
  /** Portal users in the group or its nested groups (see countUsersReached). */
  usersReached: number;
  grantedBy: RoleGrant;
  createdAt: Date;
}

interface Row {
  id: string;
  role: Role;
  organization_id: string | null;
  organization_name: string | null;
  project_id: string | null;
  project_name: string | null;
  group_id: string;
  group_name: string;
  orgs: unknown;
  users_reached: number;
  granted_by: RoleGrant;
  created_at: Date;
}

/** Every role given to a directory group, by group name, with how many users each reaches (one statement). */
export async function listGroupMappings(accountId: string): Promise<GroupMapping[]> {
  if (!isUuid(accountId)) return [];
  const account = Prisma.sql`${accountId}::uuid`;
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH RECURSIVE down(root, id) AS (
      SELECT DISTINCT r."groupId", r."groupId" FROM "RoleAssignment" r WHERE r."accountId" = ${account} AND r."groupId" IS NOT NULL
      UNION
      SELECT down.root, m."memberGroupId" FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${account}
      WHERE m."memberGroupId" IS NOT NULL
    ),
    reached AS (
      SELECT down.root, count(DISTINCT m."memberUserId")::int AS n
      FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${account}
      JOIN "DirectoryUser" d ON d.id = m."memberUserId" AND d."portalUserId" IS NOT NULL
      GROUP BY down.root
    )
    SELECT r.id::text, r.role::text AS role, r."organizationId"::text AS organization_id, o.name AS organization_name,
           r."projectId"::text AS project_id, p.name AS project_name, g.id::text AS group_id, g."displayName" AS group_name,
           g.attributes -> ${ORGANIZATION_EXTENSION_URN} -> 'organizations' AS orgs, coalesce(reached.n, 0) AS users_reached,
           r."grantedBy"::text AS granted_by, r."createdAt" AS created_at
    FROM "RoleAssignment" r
    JOIN "DirectoryGroup" g ON g.id = r."groupId"
    LEFT JOIN "Organization" o ON o.id = r."organizationId"
    LEFT JOIN "Project" p ON p.id = r."projectId"
    LEFT JOIN reached ON reached.root = g.id
    WHERE r."accountId" = ${account}
    ORDER BY g."displayNameKey", g.id, r.role, o.name NULLS FIRST, p.name NULLS FIRST, r.id`);
  return rows.map((row) => ({
    assignmentId: row.id,
    groupId: row.group_id,
    groupName: row.group_name,
    groupOrganizationKeys: stringValues(row.orgs),
    role: row.role,
    scope:
      row.organization_id !== null
        ? { type: "ORGANIZATION", id: row.organization_id, name: row.organization_name ?? "" }
        : row.project_id !== null
          ? { type: "PROJECT", id: row.project_id, name: row.project_name ?? "" }
          : { type: "ACCOUNT" },
    usersReached: row.users_reached,
    grantedBy: row.granted_by,
    createdAt: row.created_at,
  }));
}
