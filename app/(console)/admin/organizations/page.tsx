import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BuildingIcon, FolderIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdministrator } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import { getOrganizationTree, type OrganizationNode } from "@/lib/organizations/organization-tree";

export const metadata: Metadata = { title: "Organizations" };

function OrganizationBranch({ node, level }: { node: OrganizationNode; level: number }) {
  const childCount = node.children.length + node.projects.length;
  return (
    <li role="treeitem" aria-level={level} aria-expanded={childCount > 0 ? true : undefined} aria-selected={false}>
      <div className="flex items-center gap-2 py-1.5">
        <BuildingIcon className="text-fg-subtle" />
        <span className="text-sm font-medium text-fg">{node.name}</span>
        <span className="text-xs text-fg-subtle">
          {formatCount(node.children.length, "organization")} · {formatCount(node.projects.length, "project")}
        </span>
      </div>
      {childCount > 0 ? (
        <ul role="group" className="ml-2 border-l border-line pl-4">
          {node.projects.map((project) => (
            <li key={project.id} role="treeitem" aria-level={level + 1} aria-selected={false} className="flex items-center gap-2 py-1.5">
              <FolderIcon className="text-brand-500" />
              <span className="text-sm text-fg-muted">{project.name}</span>
            </li>
          ))}
          {node.children.map((child) => (
            <OrganizationBranch key={child.id} node={child} level={level + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default async function OrganizationsPage() {
  const viewer = await requireAdministrator();
  const tree = await getOrganizationTree(viewer.account.id);
  return (
    <div className="space-y-6">
      <PageHeader title="Organizations" description="How your account is structured: organizations, their sub-organizations and their projects." />
      {tree.length === 0 ? (
        <EmptyState icon={<BuildingIcon className="size-6" />} title="No organizations yet" description="Organizations and projects appear here once they are created." />
      ) : (
        <Card>
          <CardHeader title="Organization tree" />
          <CardBody>
            <ul role="tree" aria-label="Organizations and projects">
              {tree.map((node) => (
                <OrganizationBranch key={node.id} node={node} level={1} />
              ))}
            </ul>
          </CardBody>
        </Card>
      )}
    </div>
  );
}
