import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export const GROUP_SEARCH_LIMIT = 20;

export interface DirectoryGroupMatch {
  id: string;
  displayName: string;
  /** Distinct users who are members, directly or through nested groups. */
  memberCount: number;
}

/** Escapes LIKE wildcards so that the search text matches literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The account's directory groups whose name contains `query` (case-insensitive; names that start with it first),
 * at most GROUP_SEARCH_LIMIT, each with the number of distinct users reachable through nested groups. The nesting
 * walk is a recursive CTE with UNION, so a cycle (A in B, B in A) ends instead of looping.
 */
export async function searchDirectoryGroups(accountId: string, query: string): Promise<DirectoryGroupMatch[]> {
  const key = query.trim().toLowerCase().slice(0, 200);
  const contains = `%${likeLiteral(key)}%`;
  const prefix = `${likeLiteral(key)}%`;
  const rows = await db.$queryRaw<{ id: string; display_name: string; member_count: number }[]>(Prisma.sql`
    WITH RECURSIVE found AS (
      SELECT g.id, g."displayName", g."displayNameKey", (g."displayNameKey" LIKE ${prefix} ESCAPE '\\') AS starts
      FROM "DirectoryGroup" g
      WHERE g."accountId" = ${accountId}::uuid AND g."displayNameKey" LIKE ${contains} ESCAPE '\\'
      ORDER BY starts DESC, g."displayNameKey"
      LIMIT ${GROUP_SEARCH_LIMIT}
    ),
    reach(root, id) AS (
      SELECT f.id, f.id FROM found f
      UNION
      SELECT r.root, m."memberGroupId" FROM "DirectoryMembership" m JOIN reach r ON m."groupId" = r.id
      WHERE m."accountId" = ${accountId}::uuid AND m."memberGroupId" IS NOT NULL
    ),
    counts AS (
      SELECT r.root, count(DISTINCT m."memberUserId")::int AS n
      FROM reach r JOIN "DirectoryMembership" m ON m."groupId" = r.id
      WHERE m."accountId" = ${accountId}::uuid AND m."memberUserId" IS NOT NULL
      GROUP BY r.root
    )
    SELECT f.id::text AS id, f."displayName" AS display_name, COALESCE(c.n, 0)::int AS member_count
    FROM found f LEFT JOIN counts c ON c.root = f.id
    ORDER BY f.starts DESC, f."displayNameKey"`);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, memberCount: r.member_count }));
}
