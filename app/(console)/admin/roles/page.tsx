import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { UsersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { listGroupMappings } from "@/lib/access/assignments";
import { requireAdministrator } from "@/lib/auth/viewer";
import { countDirectoryGroups } from "@/lib/directory/count-groups";
import { listScopeChoices } from "@/lib/organizations/scope-options";
import { MapGroupForm } from "./map-group-form";
import { MappingsTable, type MappingRow } from "./mappings-table";

export const metadata: Metadata = { title: "Group role mappings" };

export default async function GroupRolesPage() {
  const viewer = await requireAdministrator();
  const accountId = viewer.account.id;
  const [mappings, choices, directoryGroupCount] = await Promise.all([
    listGroupMappings(accountId),
    listScopeChoices(accountId),
    countDirectoryGroups(accountId),
  ]);
  const organizationLabel = new Map(choices.organizations.map((o) => [o.id, o.label]));
  const projectLabel = new Map(choices.projects.map((p) => [p.id, p.label]));
  const rows: MappingRow[] = mappings.map((m) => ({
    assignmentId: m.assignmentId,
    groupName: m.groupName,
    groupOrganizationKeys: m.groupOrganizationKeys,
    role: m.role,
    where: m.scope.type === "ACCOUNT" ? "Whole account" : m.scope.name,
    whereDetail:
      m.scope.type === "ACCOUNT"
        ? "Every organization and project"
        : m.scope.type === "ORGANIZATION"
          ? `Organization${(organizationLabel.get(m.scope.id) ?? "").includes(" › ") ? ` in ${organizationLabel.get(m.scope.id)!.split(" › ").slice(0, -1).join(" › ")}` : ""}, and everything in it`
          : `Project in ${(projectLabel.get(m.scope.id) ?? "").split(" › ").slice(0, -1).join(" › ")}`,
    usersReached: m.usersReached,
  }));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Group role mappings"
        description="Give a role to everyone in one of your identity provider's groups: on the whole account, on one organization (and everything in it) or on one project. Members of groups nested inside the group get it too, and people leave it when the identity provider removes them from the group."
      />
      <Card aria-labelledby="map-group-title">
        <CardHeader titleId="map-group-title" title="Map a group to a role" />
        <MapGroupForm organizations={choices.organizations} projects={choices.projects} directoryGroupCount={directoryGroupCount} />
      </Card>
      <Card aria-labelledby="mappings-title">
        <CardHeader titleId="mappings-title" title="Mappings" description="Users reached counts the portal users in the group and in the groups nested inside it." />
        {rows.length === 0 ? (
          <EmptyState as="p" bordered={false} icon={<UsersIcon />} title="No mappings yet" description="Map a group to a role above; its members then get the role without anyone assigning it one by one." />
        ) : (
          <MappingsTable mappings={rows} />
        )}
      </Card>
    </div>
  );
}
