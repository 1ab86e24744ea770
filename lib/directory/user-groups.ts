import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";

export interface UserGroupRef {
  value: string;
  display: string;
  /** RFC 7643 §4.1.2: "direct", or "indirect" through nested groups. */
  type: "direct" | "indirect";
}

/** The groups each user belongs to, directly or through nested groups (userGroupsJsonSql, one row per user). */
export async function groupsOfUsers(accountId: string, userIds: string[], client: Tx | typeof db = db): Promise<Map<string, UserGroupRef[]>> {
  const result = new Map<string, UserGroupRef[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await client.$queryRaw<{ id: string; groups: UserGroupJson[] }[]>(Prisma.sql`
    SELECT r.id::text AS id, ${userGroupsJsonSql("r")} AS groups
    FROM "DirectoryUser" r WHERE r."accountId" = ${accountId}::uuid AND r.id = ANY(${userIds}::uuid[])`);
  for (const row of rows) result.set(row.id, userGroupRefs(row.groups));
  return result;
}

/** A user's groups as the list query returns them (userGroupsJsonSql), in the order of group ids. */
export interface UserGroupJson {
  value: string;
  display: string;
  direct: boolean;
}

/**
 * The groups of the user row `alias`, directly or through nested groups, as a JSON array ordered by group id: a
 * correlated subquery, so a page of users and their groups come back in one statement (one round trip, one plan).
 * UNION (not UNION ALL) makes the recursion stop on cycles in the IdP's data; "direct" wins when a group is
 * reached both ways.
 */
export function userGroupsJsonSql(alias: string): Prisma.Sql {
  const r = Prisma.raw(alias);
  return Prisma.sql`(
    WITH RECURSIVE up(group_id, direct) AS (
      SELECT m."groupId", true FROM "DirectoryMembership" m WHERE m."accountId" = ${r}."accountId" AND m."memberUserId" = ${r}.id
      UNION
      SELECT m."groupId", false FROM up JOIN "DirectoryMembership" m ON m."accountId" = ${r}."accountId" AND m."memberGroupId" = up.group_id
    )
    SELECT COALESCE(json_agg(json_build_object('value', g.id::text, 'display', g."displayName", 'direct', x.direct) ORDER BY x.group_id), '[]'::json)
    FROM (SELECT group_id, bool_or(direct) AS direct FROM up GROUP BY group_id) x JOIN "DirectoryGroup" g ON g.id = x.group_id
  )`;
}

export function userGroupRefs(groups: UserGroupJson[]): UserGroupRef[] {
  return groups.map((g) => ({ value: g.value, display: g.display, type: g.direct ? "direct" : "indirect" }));
}
