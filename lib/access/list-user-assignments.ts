import type { Role, RoleGrant } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { isUuid } from "./load-access-snapshot";
import { ROLES } from "./roles";
import type { GrantScope } from "./types";

export interface UserAssignment {
  assignmentId: string;
  role: Role;
  scope: GrantScope;
  grantedBy: RoleGrant;
  createdAt: Date;
}

/** The roles given to the user individually (not through groups: explainAccess shows those). */
export async function listUserAssignments(accountId: string, userId: string): Promise<UserAssignment[]> {
  if (!isUuid(accountId) || !isUuid(userId)) return [];
  const rows = await db.roleAssignment.findMany({
    where: { accountId, userId },
    select: {
      id: true,
      role: true,
      grantedBy: true,
      createdAt: true,
      organization: { select: { id: true, name: true } },
      project: { select: { id: true, name: true } },
    },
  });
  return rows
    .map((row): UserAssignment => ({
      assignmentId: row.id,
      role: row.role,
      scope: row.organization ? { type: "ORGANIZATION", ...row.organization } : row.project ? { type: "PROJECT", ...row.project } : { type: "ACCOUNT" },
      grantedBy: row.grantedBy,
      createdAt: row.createdAt,
    }))
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || (a.scope.type === "ACCOUNT" ? "" : a.scope.name).localeCompare(b.scope.type === "ACCOUNT" ? "" : b.scope.name));
}
