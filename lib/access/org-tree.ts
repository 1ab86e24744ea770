// The account's organizations and projects as plain records (serialisable, so pages can pass them on), and the
// questions the access model asks of them. Every walk up the tree keeps a visited set: the database forbids an
// organization being its own parent but not a longer loop, and a loop must not hang a request.
import type { GrantScope, ScopeRef } from "./types";

export interface OrganizationNode {
  id: string;
  name: string;
  parentId: string | null;
  /** Lower-case key an IdP can send in our SCIM extension; null when none. */
  key: string | null;
}

export interface ProjectNode {
  id: string;
  name: string;
  organizationId: string;
}

export interface OrgTree {
  organizations: Record<string, OrganizationNode>;
  projects: Record<string, ProjectNode>;
}

export function buildOrgTree(organizations: OrganizationNode[], projects: ProjectNode[]): OrgTree {
  const tree: OrgTree = { organizations: {}, projects: {} };
  for (const o of organizations) tree.organizations[o.id] = o;
  for (const p of projects) tree.projects[p.id] = p;
  return tree;
}

export function organizationOf(tree: OrgTree, id: string): OrganizationNode | undefined {
  return Object.hasOwn(tree.organizations, id) ? tree.organizations[id] : undefined;
}

export function projectOf(tree: OrgTree, id: string): ProjectNode | undefined {
  return Object.hasOwn(tree.projects, id) ? tree.projects[id] : undefined;
}

/** The organization and its ancestors, nearest first (stops at a missing parent or a loop). */
export function ancestry(tree: OrgTree, organizationId: string): OrganizationNode[] {
  const chain: OrganizationNode[] = [];
  const seen = new Set<string>();
  let current = organizationOf(tree, organizationId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.push(current);
    current = current.parentId === null ? undefined : organizationOf(tree, current.parentId);
  }
  return chain;
}

/** Names from the root down to the organization, e.g. ["Acme", "Europe", "France"]. */
export function organizationPath(tree: OrgTree, organizationId: string): string[] {
  return ancestry(tree, organizationId)
    .map((o) => o.name)
    .reverse();
}

/** Whether the target exists in the tree (the account always does). */
export function targetExists(tree: OrgTree, target: ScopeRef): boolean {
  if (target.type === "ACCOUNT") return true;
  return target.type === "ORGANIZATION" ? organizationOf(tree, target.id) !== undefined : projectOf(tree, target.id) !== undefined;
}

/** The organization a target sits in (itself, or a project's organization); null for the account. */
export function organizationOfTarget(tree: OrgTree, target: ScopeRef): string | null {
  if (target.type === "ACCOUNT") return null;
  if (target.type === "ORGANIZATION") return target.id;
  return projectOf(tree, target.id)?.organizationId ?? null;
}

/** Whether `target` lies in the subtree of organization `organizationId` (the organization itself included). */
export function isInOrganization(tree: OrgTree, target: ScopeRef, organizationId: string): boolean {
  if (!targetExists(tree, target)) return false;
  const home = organizationOfTarget(tree, target);
  return home !== null && ancestry(tree, home).some((o) => o.id === organizationId);
}

/** Whether `target` lies within `scope` (the scope itself or below it). Unknown targets lie nowhere. */
export function scopeContains(tree: OrgTree, scope: ScopeRef, target: ScopeRef): boolean {
  if (!targetExists(tree, target)) return false;
  switch (scope.type) {
    case "ACCOUNT":
      return true;
    case "ORGANIZATION":
      return isInOrganization(tree, target, scope.id);
    case "PROJECT":
      return target.type === "PROJECT" && target.id === scope.id;
  }
}

/** The scope with its name, or null when the tree does not know it. */
export function namedScope(tree: OrgTree, scope: ScopeRef): GrantScope | null {
  if (scope.type === "ACCOUNT") return { type: "ACCOUNT" };
  const node = scope.type === "ORGANIZATION" ? organizationOf(tree, scope.id) : projectOf(tree, scope.id);
  return node ? { type: scope.type, id: node.id, name: node.name } : null;
}

/** Short text for a scope: "the account", "organization Europe", "project Website". */
export function describeScope(scope: GrantScope): string {
  return scope.type === "ACCOUNT" ? "the account" : `${scope.type === "ORGANIZATION" ? "organization" : "project"} ${scope.name}`;
}
