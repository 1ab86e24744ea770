import { loadAccessSnapshot } from "./load-access-snapshot";
import { resolveEffectiveAccess } from "./resolve-effective-access";

/**
 * Whether the user holds the Administrator role on the whole account, directly or through a directory group (at
 * any depth of nesting). An organization Administrator is not an account administrator.
 */
export async function isAccountAdministrator(accountId: string, userId: string): Promise<boolean> {
  const { snapshot } = await loadAccessSnapshot(accountId, userId);
  return resolveEffectiveAccess(snapshot, userId).grants.some((g) => g.role === "ADMINISTRATOR" && g.scope.type === "ACCOUNT");
}
