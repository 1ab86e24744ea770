import { db } from "@/lib/db";
import type { ProvisioningOverview } from "./overview";

/** What turning provisioning off would remove or hand back, for the confirmation on the Provisioning tab. */
export async function getTurnOffImpact(accountId: string, overview: ProvisioningOverview, tokens: number) {
  const [groupRoleMappings, scimUsers] = await Promise.all([
    db.roleAssignment.count({ where: { accountId, groupId: { not: null } } }),
    db.user.count({ where: { accountId, source: "SCIM" } }),
  ]);
  return {
    tokens,
    hasSetup: overview.scope !== null,
    directoryUsers: overview.directory.users,
    directoryGroups: overview.directory.groups,
    groupRoleMappings,
    heldChanges: overview.held.changes,
    scimUsers,
  };
}
