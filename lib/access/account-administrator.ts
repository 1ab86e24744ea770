import { db } from "@/lib/db";

/**
 * Whether the user holds the Administrator role on the whole account (directly, for now; group-granted roles
 * join in with the access model).
 */
export async function isAccountAdministrator(accountId: string, userId: string): Promise<boolean> {
  const grant = await db.roleAssignment.findFirst({
    where: { accountId, userId, role: "ADMINISTRATOR", scope: "ACCOUNT" },
    select: { id: true },
  });
  return grant !== null;
}
