import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccessTable, hasAnyAccess } from "@/components/access/access-table";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { ShieldIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { listUserAssignments } from "@/lib/access/assignments";
import { accessibleTargets, explainAccess } from "@/lib/access/explain-access";
import { requireAdministrator } from "@/lib/auth/viewer";
import { findAccountUser } from "@/lib/users/find-user";
import { formatDate, formatDateTime } from "@/lib/format";
import type { UserSource } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/organizations/errors";
import { listScopeChoices } from "@/lib/organizations/scope-options";
import { UserRoles, type IndividualRole } from "./user-roles";

export const metadata: Metadata = { title: "User" };

const SOURCE_LABEL: Record<UserSource, string> = {
  LOCAL: "Local (password set up by hand)",
  SSO: "Single sign-on (created at first sign-in)",
  SCIM: "SCIM (your identity provider)",
};

export default async function UserDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireAdministrator();
  const { id } = await params;
  const accountId = viewer.account.id;
  if (!isUuid(id)) notFound();
  const user = await findAccountUser(accountId, id);
  if (!user) notFound();

  const [targets, explanation, individual, choices] = await Promise.all([
    accessibleTargets(accountId, user.id),
    explainAccess(accountId, user.id),
    listUserAssignments(accountId, user.id),
    listScopeChoices(accountId),
  ]);
  const organizationLabel = new Map(choices.organizations.map((o) => [o.id, o.label]));
  const projectLabel = new Map(choices.projects.map((p) => [p.id, p.label]));
  const parentPath = (label: string | undefined) => (label ?? "").split(" › ").slice(0, -1).join(" › ");
  const roles: IndividualRole[] = individual.map((a) => ({
    assignmentId: a.assignmentId,
    role: a.role,
    where: a.scope.type === "ACCOUNT" ? "Whole account" : a.scope.name,
    whereDetail:
      a.scope.type === "ACCOUNT"
        ? "Every organization and project"
        : a.scope.type === "ORGANIZATION"
          ? parentPath(organizationLabel.get(a.scope.id))
            ? `Organization in ${parentPath(organizationLabel.get(a.scope.id))}`
            : "Top-level organization"
          : `Project in ${parentPath(projectLabel.get(a.scope.id))}`,
    given: `${a.grantedBy === "BOOTSTRAP" ? "When the account was set up" : "By an administrator"}, ${formatDate(a.createdAt)}`,
  }));
  const label = user.name ?? user.userName;

  return (
    <div className="space-y-6">
      <PageHeader
        title={label}
        description={user.name ? user.userName : undefined}
        breadcrumbs={[{ label: "Users", href: "/admin/users" }, { label }]}
      />
      <Card aria-labelledby="profile-title">
        <CardHeader titleId="profile-title" title="Profile" />
        <CardBody>
          <DescriptionList
            items={[
              { label: "Email", value: user.userName },
              { label: "Name", value: user.name ?? <span className="text-fg-muted">Not known</span> },
              { label: "Managed by", value: SOURCE_LABEL[user.source] },
              { label: "Status", value: user.active ? <Badge tone="success" dot>Active</Badge> : <Badge tone="neutral" dot>Deactivated</Badge> },
              { label: "Last sign-in", value: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never" },
              { label: "In the portal since", value: formatDate(user.createdAt) },
              {
                label: "Directory",
                value: explanation.directoryUserId
                  ? explanation.organizations.length > 0
                    ? `Provisioned by your identity provider, which places this user in ${explanation.organizations.map((o) => o.name).join(", ")}`
                    : "Provisioned by your identity provider"
                  : "Not in your identity provider's directory (no group roles can reach this user)",
              },
            ]}
          />
        </CardBody>
      </Card>

      {explanation.warnings.length > 0 ? (
        <Alert tone="warning" title="Problems in the data behind this user's access">
          <ul className="list-disc space-y-1 pl-5">
            {explanation.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <Card aria-labelledby="effective-access-title">
        <CardHeader
          titleId="effective-access-title"
          title="Effective access"
          description="Every role this user holds, where, and why: given directly, through a group (nested groups show their path), or inherited from an organization above."
        />
        {hasAnyAccess(targets) ? (
          <AccessTable targets={targets} caption={`Effective access of ${label}`} />
        ) : (
          <EmptyState as="p" bordered={false} icon={<ShieldIcon />} title="No access" description="This user can sign in but holds no role anywhere." />
        )}
      </Card>

      <Card aria-labelledby="individual-roles-title">
        <CardHeader titleId="individual-roles-title" title="Individually assigned roles" />
        <UserRoles userId={user.id} userLabel={label} roles={roles} organizations={choices.organizations} projects={choices.projects} />
      </Card>
    </div>
  );
}
