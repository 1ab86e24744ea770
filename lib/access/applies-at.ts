// Where a grant applies: at its scope and everything below it (organization inheritance), nowhere else.
import { ancestry, organizationOf, organizationOfTarget, targetExists, type OrgTree } from "./org-tree";
import { ROLES, roleAllows, type Permission } from "./roles";
import type { AccessResolution, EffectiveGrant, InheritedFrom, RoleAt, ScopeRef } from "./types";

export type Applicability = { applies: false } | { applies: true; inheritedFrom: InheritedFrom | null };

const NO: Applicability = { applies: false };

/**
 * Whether `grant` applies at `target`, and if it comes from above, from where ("inherited from parent organization
 * X", or from the account). A target the tree does not know is outside every grant (fail closed).
 */
export function appliesAt(grant: EffectiveGrant, target: ScopeRef, tree: OrgTree): Applicability {
  if (!targetExists(tree, target)) return NO;
  const scope = grant.scope;
  switch (scope.type) {
    case "ACCOUNT":
      return { applies: true, inheritedFrom: target.type === "ACCOUNT" ? null : { type: "ACCOUNT" } };
    case "PROJECT":
      return target.type === "PROJECT" && target.id === scope.id ? { applies: true, inheritedFrom: null } : NO;
    case "ORGANIZATION": {
      if (target.type === "ORGANIZATION" && target.id === scope.id) return { applies: true, inheritedFrom: null };
      const home = organizationOfTarget(tree, target);
      if (home === null || !ancestry(tree, home).some((o) => o.id === scope.id)) return NO;
      const from = organizationOf(tree, scope.id);
      return { applies: true, inheritedFrom: { type: "ORGANIZATION", id: scope.id, name: from?.name ?? scope.name } };
    }
  }
}

/** The roles held at `target`, in catalogue order, each with every grant that gives it there. */
export function effectiveRolesAt(resolution: Pick<AccessResolution, "grants">, target: ScopeRef, tree: OrgTree): RoleAt[] {
  const byRole = new Map<EffectiveGrant["role"], RoleAt>();
  for (const grant of resolution.grants) {
    const applicability = appliesAt(grant, target, tree);
    if (!applicability.applies) continue;
    const entry = byRole.get(grant.role) ?? { role: grant.role, sources: [] };
    entry.sources.push({ grant, inheritedFrom: applicability.inheritedFrom });
    byRole.set(grant.role, entry);
  }
  return ROLES.flatMap((role) => byRole.get(role) ?? []);
}

/** Whether some grant applying at `target` includes `permission`. */
export function allows(resolution: Pick<AccessResolution, "grants">, permission: Permission, target: ScopeRef, tree: OrgTree): boolean {
  return resolution.grants.some((grant) => roleAllows(grant.role, permission) && appliesAt(grant, target, tree).applies);
}
