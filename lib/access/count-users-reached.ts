import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db, type Tx } from "@/lib/db";
import { isUuid } from "./load-access-snapshot";

/**
 * How many portal users a group's roles reach: the directory users in the group or in groups nested in it (any
 * depth; UNION ends cycles) that are linked to a portal user. Bounded by the account.
 */
export async function countUsersReached(accountId: string, groupId: string, client: Tx | Db = db): Promise<number> {
  if (!isUuid(accountId) || !isUuid(groupId)) return 0;
  const rows = await client.$queryRaw<{ n: number }[]>(Prisma.sql`
    WITH RECURSIVE down(id) AS (
      SELECT g.id FROM "DirectoryGroup" g WHERE g.id = ${groupId}::uuid AND g."accountId" = ${accountId}::uuid
      UNION
      SELECT m."memberGroupId" FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${accountId}::uuid
      WHERE m."memberGroupId" IS NOT NULL
    )
    SELECT count(DISTINCT m."memberUserId")::int AS n
    FROM down JOIN "DirectoryMembership" m ON m."groupId" = down.id AND m."accountId" = ${accountId}::uuid
    JOIN "DirectoryUser" d ON d.id = m."memberUserId"
    WHERE d."portalUserId" IS NOT NULL`);
  return rows[0]?.n ?? 0;
}
