import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { inheritedLabel, roleLabel, viaExplanation, viaLabel } from "@/components/access/describe";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { rolesAt } from "@/lib/access/explain-access";
import { ROLE_CATALOGUE, roleAllows, rolesGranting } from "@/lib/access/roles";
import { requireViewer } from "@/lib/auth/viewer";
import { formatCount } from "@/lib/format";
import { getProjectDetails, listProjectAccess, type ProjectAccessEntry } from "@/lib/organizations/project-details";
import { RenameProjectForm } from "./rename-project-form";

export const metadata: Metadata = { title: "Project" };

function givenOnText(entry: ProjectAccessEntry): string {
  return entry.givenOn.type === "PROJECT" ? "This project" : entry.givenOn.type === "ORGANIZATION" ? `Organization ${entry.givenOn.name}` : "Whole account";
}

/**
 * A project, open only to people with a role that applies here (on the project, on an organization above it, or on the
 * whole account; directly or through a group). Everyone else gets 403.
 */
export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const accountId = viewer.account.id;
  const project = await getProjectDetails(accountId, id);
  if (!project) notFound();
  const roles = await rolesAt(accountId, viewer.id, { type: "PROJECT", id: project.id });
  if (roles.length === 0) forbidden();

  const mayRename = roles.some((r) => roleAllows(r.role, "project.administer"));
  const maySeeWho = viewer.isAdministrator || roles.some((r) => roleAllows(r.role, "access.manage"));
  const access = maySeeWho ? await listProjectAccess(accountId, project) : [];
  const path = project.organizations.map((o) => o.name).join(" › ");

  return (
    <div className="space-y-6">
      <PageHeader
        title={project.name}
        description={`Project in ${path}`}
        breadcrumbs={[{ label: "My access", href: "/access" }, ...project.organizations.map((o) => ({ label: o.name })), { label: project.name }]}
      />

      <Card aria-labelledby="your-access-title">
        <CardHeader titleId="your-access-title" title="Your access here" />
        <Table caption="Your roles on this project" bare>
          <THead>
            <TR>
              <TH>Role</TH>
              <TH>How</TH>
            </TR>
          </THead>
          <TBody>
            {roles.flatMap((r) =>
              r.sources.map((source) => (
                <TR key={`${r.role}:${source.grant.assignmentId}`}>
                  <TD className="font-medium">{roleLabel(r.role)}</TD>
                  <TD>
                    <span title={viaExplanation(source.grant.via) ?? undefined}>{viaLabel(source.grant.via)}</span>
                    {source.inheritedFrom ? (
                      <span className="ml-2">
                        <Badge tone="info">{inheritedLabel(source.inheritedFrom)}</Badge>
                      </span>
                    ) : null}
                  </TD>
                </TR>
              )),
            )}
          </TBody>
        </Table>
      </Card>

      <Card aria-labelledby="project-settings-title">
        <CardHeader titleId="project-settings-title" title="Project settings" />
        <CardBody>
          {mayRename ? (
            <RenameProjectForm projectId={project.id} name={project.name} />
          ) : (
            <p className="text-sm text-fg-muted">
              Changing this project needs one of these roles on it: {rolesGranting("project.administer").map((role) => ROLE_CATALOGUE[role].label).join(", ")}.
            </p>
          )}
        </CardBody>
      </Card>

      {maySeeWho ? (
        <Card aria-labelledby="who-has-access-title">
          <CardHeader
            titleId="who-has-access-title"
            title="Who has access"
            description="Roles given on this project, on the organizations above it and on the whole account, to people and to directory groups."
          />
          {access.length === 0 ? (
            <EmptyState as="p" bordered={false} title="Nobody yet" description="No role reaches this project." />
          ) : (
            <Table caption="Role assignments that reach this project" bare>
              <THead>
                <TR>
                  <TH>Who</TH>
                  <TH>Role</TH>
                  <TH>Given on</TH>
                </TR>
              </THead>
              <TBody>
                {access.map((entry) => (
                  <TR key={entry.assignmentId}>
                    <TD>
                      {entry.principal.type === "user" ? (
                        <>
                          {viewer.isAdministrator ? (
                            <Link href={`/admin/users/${entry.principal.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                              {entry.principal.label}
                            </Link>
                          ) : (
                            <span className="font-medium">{entry.principal.label}</span>
                          )}
                          {entry.principal.detail ? <span className="block text-xs text-fg-subtle">{entry.principal.detail}</span> : null}
                        </>
                      ) : (
                        <>
                          <span className="font-medium">Group {entry.principal.label}</span>
                          <span className="block text-xs text-fg-subtle">{formatCount(entry.principal.usersReached, "user")}, counting nested groups</span>
                        </>
                      )}
                    </TD>
                    <TD>{roleLabel(entry.role)}</TD>
                    <TD>{givenOnText(entry)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </Card>
      ) : null}
    </div>
  );
}
