import { getOrganizationTree, type OrganizationNode } from "./organization-tree";

export interface ScopeChoices {
  /** Each organization with its path ("Acme Global › Acme Europe"), each before its descendants. */
  organizations: { id: string; label: string }[];
  /** Each project with its organization's path and its name. */
  projects: { id: string; label: string }[];
}

/** The account's organizations and projects, labelled with their paths, for "where does this role apply" pickers. */
export async function listScopeChoices(accountId: string): Promise<ScopeChoices> {
  const forest = await getOrganizationTree(accountId);
  const choices: ScopeChoices = { organizations: [], projects: [] };
  const visit = (node: OrganizationNode, path: string[]) => {
    const here = [...path, node.name];
    choices.organizations.push({ id: node.id, label: here.join(" › ") });
    for (const p of node.projects) choices.projects.push({ id: p.id, label: [...here, p.name].join(" › ") });
    for (const child of node.children) visit(child, here);
  };
  for (const root of forest) visit(root, []);
  return choices;
}
