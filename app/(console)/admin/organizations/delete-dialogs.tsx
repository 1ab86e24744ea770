"use client";

import { useState } from "react";
import { useServerAction } from "@/components/provisioning/use-action";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/dialog";
import { formatCount } from "@/lib/format";
import { deleteOrganizationAction, deleteProjectAction, type DeleteSummary } from "./actions";
import { contentsOf, type TreeOrganization, type TreeProject } from "./tree-data";

function assignmentsSentence(n: number, where: string): string | null {
  if (n === 0) return null;
  return `${formatCount(n, "role assignment")} ${where} ${n === 1 ? "is" : "are"} removed too: the people and groups who hold ${n === 1 ? "it" : "them"} lose the role there.`;
}

function summary(deleted: DeleteSummary): string {
  const extra = [
    deleted.organizations > 1 ? formatCount(deleted.organizations - 1, "sub-organization") : null,
    deleted.projects > 0 ? formatCount(deleted.projects, "project") : null,
    deleted.roleAssignments > 0 ? formatCount(deleted.roleAssignments, "role assignment") : null,
  ].filter((part): part is string => part !== null);
  return extra.length > 0 ? `“${deleted.name}” was deleted, with ${extra.join(", ")}.` : `“${deleted.name}” was deleted.`;
}

/**
 * Confirms an organization's deletion and says exactly what goes with it. While it holds organizations or projects,
 * deleting needs the explicit "everything inside it" choice, which lists them.
 */
export function DeleteOrganizationDialog({
  open,
  onClose,
  organization,
  onDeleted,
}: {
  open: boolean;
  onClose: () => void;
  organization: TreeOrganization;
  onDeleted: (message: string) => void;
}) {
  const remove = useServerAction(deleteOrganizationAction);
  const [cascade, setCascade] = useState(false);
  const contents = contentsOf(organization);
  const holdsSomething = contents.organizations.length > 0 || contents.projects.length > 0;

  function close() {
    remove.reset();
    setCascade(false);
    onClose();
  }

  async function confirm() {
    const result = await remove.run({ organizationId: organization.id, cascade: holdsSomething && cascade });
    if (result.ok) {
      setCascade(false);
      onDeleted(summary(result.data));
    }
  }

  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      onConfirm={() => void confirm()}
      tone="danger"
      size="md"
      loading={remove.pending}
      confirmDisabled={holdsSomething && !cascade}
      title={`Delete ${organization.name}?`}
      confirmLabel={holdsSomething ? "Delete everything" : "Delete organization"}
      description={
        holdsSomething
          ? `“${organization.name}” still contains ${[
              contents.organizations.length > 0 ? formatCount(contents.organizations.length, "organization") : null,
              contents.projects.length > 0 ? formatCount(contents.projects.length, "project") : null,
            ]
              .filter(Boolean)
              .join(" and ")}, counting everything below it. Move them elsewhere first, or delete them with it.`
          : "This cannot be undone."
      }
    >
      <div className="space-y-4">
        {remove.error ? (
          <Alert tone="danger" title="Nothing was deleted">
            {remove.error}
          </Alert>
        ) : null}
        {holdsSomething ? (
          <>
            <Checkbox
              label="Also delete everything inside it"
              description="This cannot be undone."
              checked={cascade}
              onChange={(event) => setCascade(event.target.checked)}
            />
            {cascade ? (
              <div className="space-y-3 rounded-md border border-danger-200 bg-danger-50 p-3 text-danger-800">
                <p className="font-medium">This deletes:</p>
                <ul className="list-disc space-y-0.5 pl-5">
                  <li>the organization “{organization.name}”</li>
                  {contents.organizations.map((o) => (
                    <li key={o.id}>the organization “{o.path}”</li>
                  ))}
                  {contents.projects.map((p) => (
                    <li key={p.id}>the project “{p.path}”</li>
                  ))}
                </ul>
                <p>
                  {contents.assignments > 0
                    ? `and ${formatCount(contents.assignments, "role assignment")} on them: the people and groups who hold ${contents.assignments === 1 ? "it" : "them"} lose the role there.`
                    : "No role assignments are given on any of them."}
                </p>
              </div>
            ) : null}
          </>
        ) : (
          <p className="text-fg-muted">{assignmentsSentence(contents.assignments, "on this organization") ?? "No role assignments are given on this organization."}</p>
        )}
      </div>
    </ConfirmDialog>
  );
}

export function DeleteProjectDialog({ open, onClose, project, onDeleted }: { open: boolean; onClose: () => void; project: TreeProject; onDeleted: (message: string) => void }) {
  const remove = useServerAction(deleteProjectAction);

  function close() {
    remove.reset();
    onClose();
  }

  async function confirm() {
    const result = await remove.run({ projectId: project.id });
    if (result.ok) onDeleted(summary({ ...result.data, organizations: 1, projects: 0 }));
  }

  return (
    <ConfirmDialog
      open={open}
      onClose={close}
      onConfirm={() => void confirm()}
      tone="danger"
      loading={remove.pending}
      title={`Delete ${project.name}?`}
      description="This cannot be undone."
      confirmLabel="Delete project"
    >
      <div className="space-y-3">
        {remove.error ? (
          <Alert tone="danger" title="Nothing was deleted">
            {remove.error}
          </Alert>
        ) : null}
        <p className="text-fg-muted">{assignmentsSentence(project.assignmentCount, "on this project") ?? "No role assignments are given on this project."}</p>
      </div>
    </ConfirmDialog>
  );
}
