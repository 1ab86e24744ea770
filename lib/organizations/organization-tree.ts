import { db } from "@/lib/db";

export interface OrganizationNode {
  id: string;
  name: string;
  /** The key identity providers send in our SCIM organization extension; null when none is set. */
  key: string | null;
  projects: { id: string; name: string }[];
  children: OrganizationNode[];
}

/** The account's organizations as a forest (roots first), each with its projects, sorted by name. */
export async function getOrganizationTree(accountId: string): Promise<OrganizationNode[]> {
  const [organizations, projects] = await Promise.all([
    db.organization.findMany({ where: { accountId }, select: { id: true, name: true, key: true, parentId: true }, orderBy: { name: "asc" } }),
    db.project.findMany({ where: { accountId }, select: { id: true, name: true, organizationId: true }, orderBy: { name: "asc" } }),
  ]);
  return buildForest(organizations, projects);
}

export function buildForest(
  organizations: { id: string; name: string; key?: string | null; parentId: string | null }[],
  projects: { id: string; name: string; organizationId: string }[],
): OrganizationNode[] {
  const nodes = new Map<string, OrganizationNode>(organizations.map((o) => [o.id, { id: o.id, name: o.name, key: o.key ?? null, projects: [], children: [] }]));
  for (const p of projects) nodes.get(p.organizationId)?.projects.push({ id: p.id, name: p.name });
  const roots: OrganizationNode[] = [];
  for (const o of organizations) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
