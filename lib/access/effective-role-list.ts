// A user's effective roles as a compact list for audit events ("ADMINISTRATOR@account",
// "PROJECT_MEMBER@organization:EU"; record-access-change.ts writes scopes the same way), computed with the transaction's client so that before and after are exact.
import type { Db, Tx } from "@/lib/db";
import { loadAccessSnapshot } from "./load-access-snapshot";
import { resolveEffectiveAccess } from "./resolve-effective-access";
import type { EffectiveGrant, GrantScope } from "./types";

export function compactScope(scope: GrantScope): string {
  return scope.type === "ACCOUNT" ? "account" : `${scope.type === "ORGANIZATION" ? "organization" : "project"}:${scope.name}`;
}

export function compactRoles(grants: EffectiveGrant[]): string[] {
  return [...new Set(grants.map((g) => `${g.role}@${compactScope(g.scope)}`))].sort();
}

export async function effectiveRoleList(client: Tx | Db, accountId: string, userId: string): Promise<string[]> {
  const { snapshot } = await loadAccessSnapshot(accountId, userId, { client });
  return compactRoles(resolveEffectiveAccess(snapshot, userId).grants);
}
