import type { Metadata } from "next";
import Link from "next/link";
import { AccessTable, hasAnyAccess } from "@/components/access/access-table";
import { roleLabel } from "@/components/access/describe";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ShieldIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { accessibleTargets } from "@/lib/access/explain-access";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "My access" };

/** Every signed-in person's own view: where they have access, with which role, and why. */
export default async function MyAccessPage() {
  const viewer = await requireViewer();
  const targets = await accessibleTargets(viewer.account.id, viewer.id);
  return (
    <div className="space-y-6">
      <PageHeader
        title="My access"
        description={`The organizations and projects of ${viewer.account.name} you can reach, the role you hold there, and how you got it: given to you directly, through a group of your company's directory, or from an organization above.`}
      />
      {targets.warnings.length > 0 ? (
        <Alert tone="warning" title="Some of your access could not be worked out cleanly">
          <ul className="list-disc space-y-1 pl-5">
            {targets.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {!hasAnyAccess(targets) ? (
        <EmptyState
          icon={<ShieldIcon />}
          title="You have no roles yet"
          description="You can sign in, but no organization or project is open to you. Ask an administrator of your account for the role you need."
        />
      ) : (
        <>
          <Card aria-labelledby="my-roles-title">
            <CardHeader titleId="my-roles-title" title="Your roles" description="A role on an organization also applies to its sub-organizations and their projects." />
            <AccessTable targets={targets} caption="Your roles, where they apply and how you hold them" />
          </Card>
          <Card aria-labelledby="my-projects-title">
            <CardHeader titleId="my-projects-title" title="Your projects" description="Every project you can open, with the roles you hold there." />
            {targets.projects.length === 0 ? (
              <EmptyState as="p" bordered={false} title="No projects" description="Your roles do not reach any project." />
            ) : (
              <Table caption="Projects you can open" bare>
                <THead>
                  <TR>
                    <TH>Project</TH>
                    <TH>Organization</TH>
                    <TH>Roles</TH>
                  </TR>
                </THead>
                <TBody>
                  {targets.projects.map((project) => (
                    <TR key={project.id}>
                      <TD>
                        <Link href={`/projects/${project.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                          {project.name}
                        </Link>
                      </TD>
                      <TD className="text-fg-muted">{project.organizationPath.join(" › ")}</TD>
                      <TD>
                        <span className="flex flex-wrap gap-1.5">
                          {project.roles.map((r) => (
                            <Badge key={r.role} tone="brand">
                              {roleLabel(r.role)}
                            </Badge>
                          ))}
                        </span>
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
