// What the Organizations page hands to its client component: the tree with role-assignment counts.

export interface TreeProject {
  id: string;
  name: string;
  /** Role assignments on this project (removed with it). */
  assignmentCount: number;
}

export interface TreeOrganization {
  id: string;
  name: string;
  key: string | null;
  /** Role assignments on this organization itself (removed with it). */
  assignmentCount: number;
  projects: TreeProject[];
  children: TreeOrganization[];
}

export type Selection = { type: "organization"; id: string } | { type: "project"; id: string };

export interface Located<T> {
  item: T;
  /** Organizations from the top down to the one holding the item (the item itself excluded). */
  ancestors: TreeOrganization[];
}

export function findOrganization(forest: TreeOrganization[], id: string, ancestors: TreeOrganization[] = []): Located<TreeOrganization> | null {
  for (const node of forest) {
    if (node.id === id) return { item: node, ancestors };
    const found = findOrganization(node.children, id, [...ancestors, node]);
    if (found) return found;
  }
  return null;
}

export function findProject(forest: TreeOrganization[], id: string, ancestors: TreeOrganization[] = []): Located<TreeProject> | null {
  for (const node of forest) {
    const project = node.projects.find((p) => p.id === id);
    if (project) return { item: project, ancestors: [...ancestors, node] };
    const found = findProject(node.children, id, [...ancestors, node]);
    if (found) return found;
  }
  return null;
}

/** Everything a cascading delete of `node` removes, for the confirmation to list exactly. */
export function contentsOf(node: TreeOrganization) {
  const organizations: { id: string; path: string }[] = [];
  const projects: { id: string; path: string }[] = [];
  let assignments = node.assignmentCount;
  const visit = (n: TreeOrganization, path: string[]) => {
    for (const p of n.projects) {
      projects.push({ id: p.id, path: [...path, p.name].join(" › ") });
      assignments += p.assignmentCount;
    }
    for (const child of n.children) {
      organizations.push({ id: child.id, path: [...path, child.name].join(" › ") });
      assignments += child.assignmentCount;
      visit(child, [...path, child.name]);
    }
  };
  visit(node, []);
  return { organizations, projects, assignments };
}

/** Every organization with its full path, each before its descendants. */
export function flatten(forest: TreeOrganization[]): { id: string; path: string; ids: Set<string> }[] {
  const out: { id: string; path: string; ids: Set<string> }[] = [];
  const visit = (node: TreeOrganization, path: string[]): Set<string> => {
    const entry = { id: node.id, path: [...path, node.name].join(" › "), ids: new Set<string>([node.id]) };
    out.push(entry);
    for (const child of node.children) for (const id of visit(child, [...path, node.name])) entry.ids.add(id);
    return entry.ids;
  };
  for (const root of forest) visit(root, []);
  return out;
}
