// The access model's entry points for pages and actions: what a user can do where, and why. Access is resolved at
// read time from the directory and the assignments (nothing is materialised), so a SCIM change shows at once.
import { allows, effectiveRolesAt } from "./applies-at";
import { loadAccessSnapshot, type LoadAccessOptions } from "./load-access-snapshot";
import { normaliseOrganizationKeys } from "./organization-keys";
import { organizationPath, type OrganizationNode, type OrgTree } from "./org-tree";
import { resolveEffectiveAccess } from "./resolve-effective-access";
import type { Permission } from "./roles";
import type { AccessResolution, RoleAt, ScopeRef } from "./types";

export interface AccessExplanation extends AccessResolution {
  userId: string;
  /** The directory user the IdP provisions for this person; null for local and SSO-only users. */
  directoryUserId: string | null;
  /** The organizations the IdP places the user in (our SCIM extension). Informational: they bind no grant. */
  organizations: { id: string; name: string }[];
  /** The organizations and projects the grants name, with their ancestors (for paths and appliesAt). */
  orgTree: OrgTree;
}

async function explain(accountId: string, userId: string, options: Omit<LoadAccessOptions, "client"> = {}): Promise<AccessExplanation> {
  const { snapshot, directoryUser } = await loadAccessSnapshot(accountId, userId, options);
  const resolution = resolveEffectiveAccess(snapshot, userId);
  const organizations: AccessExplanation["organizations"] = [];
  const warnings = [...resolution.warnings];
  const keys = normaliseOrganizationKeys(directoryUser?.organizationKeys ?? []);
  if (keys.length) {
    const byKey = new Map(Object.values(snapshot.orgTree.organizations).flatMap((o) => (o.key ? [[o.key.toLowerCase(), o] as const] : [])));
    const unknown = keys.filter((key) => !byKey.has(key));
    for (const key of keys) {
      const o = byKey.get(key);
      if (o) organizations.push({ id: o.id, name: o.name });
    }
    if (unknown.length) warnings.push(`The identity provider places this user in organization key(s) ${unknown.map((k) => `"${k}"`).join(", ")} that match no organization of this account.`);
  }
  return { userId, directoryUserId: directoryUser?.id ?? null, organizations, grants: resolution.grants, warnings, orgTree: snapshot.orgTree };
}

/** Every role the user holds, where, and why (direct, group with its nesting chain), with data warnings. */
export function explainAccess(accountId: string, userId: string): Promise<AccessExplanation> {
  return explain(accountId, userId);
}

/** Whether the user may do `permission` at `target` (the portal's own checks: pages and actions call this). */
export async function can(accountId: string, userId: string, permission: Permission, target: ScopeRef): Promise<boolean> {
  const explanation = await explain(accountId, userId, { target });
  return allows(explanation, permission, target, explanation.orgTree);
}

/** The roles the user holds at `target`, each with the grants that give it there (and where they are inherited from). */
export async function rolesAt(accountId: string, userId: string, target: ScopeRef): Promise<RoleAt[]> {
  const explanation = await explain(accountId, userId, { target });
  return effectiveRolesAt(explanation, target, explanation.orgTree);
}

export interface AccessibleOrganization {
  id: string;
  name: string;
  parentId: string | null;
  /** Names from the top-level organization down to this one. */
  path: string[];
  roles: RoleAt[];
}

export interface AccessibleProject {
  id: string;
  name: string;
  organizationId: string;
  /** The path of the project's organization. */
  organizationPath: string[];
  roles: RoleAt[];
}

export interface AccessibleTargets {
  /** Roles held on the whole account. */
  account: RoleAt[];
  /** Organizations where the user holds at least one role, in tree order (parents before children, by name). */
  organizations: AccessibleOrganization[];
  projects: AccessibleProject[];
  grants: AccessExplanation["grants"];
  warnings: string[];
}

/** Tree order: each organization followed by its descendants, siblings by name (cycle-safe). */
function treeOrder(tree: OrgTree): OrganizationNode[] {
  const all = Object.values(tree.organizations).sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  const children = new Map<string | null, OrganizationNode[]>();
  for (const o of all) {
    const parent = o.parentId !== null && Object.hasOwn(tree.organizations, o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: OrganizationNode[] = [];
  const seen = new Set<string>();
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    out.push(node);
    stack.push(...[...(children.get(node.id) ?? [])].reverse());
  }
  return out;
}

/** The organizations and projects the user can reach, with which roles and why (the "My access" page). */
export async function accessibleTargets(accountId: string, userId: string): Promise<AccessibleTargets> {
  const explanation = await explain(accountId, userId, { fullTree: true });
  const tree = explanation.orgTree;
  const organizations = treeOrder(tree).flatMap((o): AccessibleOrganization[] => {
    const roles = effectiveRolesAt(explanation, { type: "ORGANIZATION", id: o.id }, tree);
    return roles.length ? [{ id: o.id, name: o.name, parentId: o.parentId, path: organizationPath(tree, o.id), roles }] : [];
  });
  const projects = Object.values(tree.projects)
    .map((p) => ({ ...p, organizationPath: organizationPath(tree, p.organizationId) }))
    .sort((a, b) => a.organizationPath.join("/").localeCompare(b.organizationPath.join("/")) || a.name.localeCompare(b.name))
    .flatMap((p): AccessibleProject[] => {
      const roles = effectiveRolesAt(explanation, { type: "PROJECT", id: p.id }, tree);
      return roles.length ? [{ ...p, roles }] : [];
    });
  return { account: effectiveRolesAt(explanation, { type: "ACCOUNT" }, tree), organizations, projects, grants: explanation.grants, warnings: explanation.warnings };
}
