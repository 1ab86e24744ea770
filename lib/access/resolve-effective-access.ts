// The access model's core: from one user's snapshot (direct groups, the groups above them, assignments, the
// organization tree) to the roles they hold where, and why. Pure: no database, so it is unit- and property-tested.
import { describeScope, isInOrganization, namedScope, type OrganizationNode, type OrgTree } from "./org-tree";
import { normaliseOrganizationKeys } from "./organization-keys";
import { ROLE_CATALOGUE, ROLES } from "./roles";
import type { AccessResolution, AccessSnapshot, AssignmentRecord, EffectiveGrant, GroupRecord, GroupRef } from "./types";

type Binding = { bound: false } | { bound: true; organizations: OrganizationNode[] };

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

/**
 * Every role `userId` holds, with its reason: a direct assignment, or a group reached through nesting (the shortest
 * chain; breadth-first with a visited set, so cycles end). A group bound to organizations through our SCIM extension
 * grants only assignments inside those organizations' subtrees; the others are ignored with a warning.
 */
export function resolveEffectiveAccess(snapshot: AccessSnapshot, userId: string): AccessResolution {
  const warnings: string[] = [];
  const groups = new Map<string, GroupRecord>(snapshot.groups.map((g) => [g.id, g]));
  const nameOf = (id: string) => groups.get(id)?.displayName ?? id;
  const byName = (a: string, b: string) => nameOf(a).localeCompare(nameOf(b)) || (a < b ? -1 : a > b ? 1 : 0);

  const parents = new Map<string, string[]>();
  for (const { childId, parentId } of snapshot.memberships) {
    const list = parents.get(childId) ?? [];
    if (!list.includes(parentId)) list.push(parentId);
    parents.set(childId, list);
  }
  for (const list of parents.values()) list.sort(byName);
  const parentsOf = (id: string) => parents.get(id) ?? [];

  // Breadth-first from the direct groups: `previous` is both the visited set and the way back for chains.
  const previous = new Map<string, string | null>();
  const reached: string[] = [];
  for (const id of [...new Set(snapshot.directGroupIds)].sort(byName)) {
    previous.set(id, null);
    reached.push(id);
  }
  for (let i = 0; i < reached.length; i++) {
    const id = reached[i]!;
    for (const parent of parentsOf(id)) {
      if (previous.has(parent)) continue;
      previous.set(parent, id);
      reached.push(parent);
    }
  }
  const chainTo = (id: string): GroupRef[] => {
    const chain: GroupRef[] = [];
    for (let current: string | null = id; current !== null; current = previous.get(current) ?? null) {
      chain.push({ id: current, displayName: nameOf(current) });
    }
    return chain.reverse();
  };

  for (const component of cyclesAmong(reached, parentsOf)) warnings.push(cycleWarning(component, parentsOf, nameOf, byName));

  const bindingOf = bindings(snapshot.orgTree, groups, warnings);
  const grants: EffectiveGrant[] = [];
  const seen = new Set<string>();
  for (const assignment of snapshot.assignments) {
    if (seen.has(assignment.id)) continue;
    const { principal } = assignment;
    if (principal.type === "user" ? principal.id !== userId : !previous.has(principal.id)) continue;
    seen.add(assignment.id);
    const scope = namedScope(snapshot.orgTree, assignment.scope);
    if (!scope) {
      warnings.push(`The role ${ROLE_CATALOGUE[assignment.role].label} (assignment ${assignment.id}) names a scope that no longer exists; it is ignored.`);
      continue;
    }
    if (principal.type === "user") {
      grants.push({ assignmentId: assignment.id, role: assignment.role, scope, via: { kind: "direct" } });
      continue;
    }
    const binding = bindingOf(principal.id);
    if (binding.bound && !withinBinding(snapshot.orgTree, assignment, binding.organizations)) {
      const where = binding.organizations.length ? `bound to ${quoted(binding.organizations.map((o) => o.name))}` : "bound to no known organization";
      warnings.push(
        `Group "${nameOf(principal.id)}" is ${where} (SCIM organization extension): its role ${ROLE_CATALOGUE[assignment.role].label} at ${describeScope(scope)} lies outside and is ignored.`,
      );
      continue;
    }
    grants.push({ assignmentId: assignment.id, role: assignment.role, scope, via: { kind: "group", chain: chainTo(principal.id) } });
  }
  return { grants: grants.sort(grantOrder), warnings };
}

/** The binding of each group (memoised); warns once per group about keys that match no organization. */
function bindings(tree: OrgTree, groups: Map<string, GroupRecord>, warnings: string[]): (groupId: string) => Binding {
  let byKey: Map<string, OrganizationNode> | undefined;
  const memo = new Map<string, Binding>();
  return (groupId) => {
    const known = memo.get(groupId);
    if (known) return known;
    const group = groups.get(groupId);
    const keys = normaliseOrganizationKeys(group?.organizationKeys ?? []);
    let binding: Binding = { bound: false };
    if (group && keys.length) {
      byKey ??= new Map(Object.values(tree.organizations).flatMap((o) => (o.key ? [[o.key.toLowerCase(), o] as const] : [])));
      const organizations = keys.flatMap((key) => byKey?.get(key) ?? []);
      const unknown = keys.filter((key) => !byKey?.has(key));
      if (unknown.length) {
        warnings.push(`Group "${group.displayName}" names organization key(s) ${quoted(unknown)} that match no organization of this account; they bind nothing.`);
      }
      binding = { bound: true, organizations };
    }
    memo.set(groupId, binding);
    return binding;
  };
}

function withinBinding(tree: OrgTree, assignment: AssignmentRecord, organizations: OrganizationNode[]): boolean {
  return assignment.scope.type !== "ACCOUNT" && organizations.some((o) => isInOrganization(tree, assignment.scope, o.id));
}

function grantOrder(a: EffectiveGrant, b: EffectiveGrant): number {
  const depth = (g: EffectiveGrant) => (g.via.kind === "direct" ? 0 : g.via.chain.length);
  const scopeRank = (g: EffectiveGrant) => ["ACCOUNT", "ORGANIZATION", "PROJECT"].indexOf(g.scope.type);
  const name = (g: EffectiveGrant) => (g.scope.type === "ACCOUNT" ? "" : g.scope.name);
  return (
    depth(a) - depth(b) ||
    ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
    scopeRank(a) - scopeRank(b) ||
    name(a).localeCompare(name(b)) ||
    (a.assignmentId < b.assignmentId ? -1 : a.assignmentId > b.assignmentId ? 1 : 0)
  );
}

/**
 * Strongly connected components with a cycle (more than one group, or a group in itself), by Tarjan's algorithm
 * written iteratively: a 10,000-group chain must not overflow the call stack.
 */
function cyclesAmong(nodes: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
  };
  for (const root of nodes) {
    if (index.has(root)) continue;
    visit(root);
    const work: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = next(frame.id);
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          visit(to);
          work.push({ id: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const caller = work[work.length - 1];
      if (caller) low.set(caller.id, Math.min(low.get(caller.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      if (component.length > 1 || next(frame.id).includes(frame.id)) cycles.push(component);
    }
  }
  return cycles;
}

/** Names one cycle of the component (the shortest through its first group by name), and the other groups caught in it. */
function cycleWarning(component: string[], next: (id: string) => string[], nameOf: (id: string) => string, byName: (a: string, b: string) => number): string {
  const members = new Set(component);
  const start = [...component].sort(byName)[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  let cycle: string[] = [start, start];
  search: for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const to of next(id)) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [start];
        for (let at = id; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        cycle = [...path, start];
        break search;
      }
      if (!previous.has(to)) {
        previous.set(to, id);
        queue.push(to);
      }
    }
  }
  const onCycle = new Set(cycle);
  const others = component.filter((id) => !onCycle.has(id)).sort(byName);
  const MAX_NAMED = 10;
  const named = quoted(others.slice(0, MAX_NAMED).map(nameOf)) + (others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : "");
  return (
    `Nested groups form a cycle in the identity provider's data: ${cycle.map((id) => `"${nameOf(id)}"`).join(" → ")} (each is a member of the next)` +
    (others.length ? `, also involving ${named}` : "") +
    ". Each group was counted once; fix the nesting in the identity provider."
  );
}

/** "direct assignment", "group Engineering", "group Backend → Engineering → Staff". */
export function describeVia(grant: EffectiveGrant): string {
  return grant.via.kind === "direct" ? "direct assignment" : `group ${grant.via.chain.map((g) => g.displayName).join(" → ")}`;
}
