import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdministrator } from "@/lib/auth/viewer";
import { countAssignmentsByScope } from "@/lib/organizations/assignment-counts";
import { getOrganizationTree, type OrganizationNode } from "@/lib/organizations/organization-tree";
import { OrganizationsWorkspace } from "./organizations-workspace";
import type { Selection, TreeOrganization } from "./tree-data";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<{ org?: string; project?: string }> }) {
  const viewer = await requireAdministrator();
  const params = await searchParams;
  const [forest, counts] = await Promise.all([getOrganizationTree(viewer.account.id), countAssignmentsByScope(viewer.account.id)]);
  const toTree = (node: OrganizationNode): TreeOrganization => ({
    id: node.id,
    name: node.name,
    key: node.key,
    assignmentCount: counts.organizations.get(node.id) ?? 0,
    projects: node.projects.map((p) => ({ id: p.id, name: p.name, assignmentCount: counts.projects.get(p.id) ?? 0 })),
    children: node.children.map(toTree),
  });
  const initialSelection: Selection | null = params.org ? { type: "organization", id: params.org } : params.project ? { type: "project", id: params.project } : null;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Organizations"
        description="How your account is structured: organizations, their sub-organizations and their projects. A role given on an organization also applies to everything inside it."
      />
      <OrganizationsWorkspace tree={forest.map(toTree)} initialSelection={initialSelection} />
    </div>
  );
}
