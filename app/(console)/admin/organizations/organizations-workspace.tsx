"use client";

import Link from "next/link";
import { useState } from "react";
import { FormDialog } from "@/components/console/form-dialog";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { BuildingIcon, ExternalLinkIcon, FolderIcon, KeyIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { formatCount } from "@/lib/format";
import { MAX_KEY_LENGTH, MAX_NAME_LENGTH } from "@/lib/organizations/names";
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";
import {
  createOrganizationAction,
  createProjectAction,
  moveOrganizationAction,
  moveProjectAction,
  renameOrganizationAction,
  renameProjectAction,
  setOrganizationKeyAction,
} from "./actions";
import { DeleteOrganizationDialog, DeleteProjectDialog } from "./delete-dialogs";
import { findOrganization, findProject, flatten, type Selection, type TreeOrganization } from "./tree-data";

const KEY_HELP =
  "Optional. A short code your identity provider can send in our SCIM organization extension to place users and groups in this organization. " +
  "Letters, digits and hyphens; stored in lower case; unique in your account.";

type DialogName = "new-root" | "new-child" | "new-project" | "rename" | "key" | "move" | "delete" | null;

const rowButton =
  "rounded-sm text-left text-sm transition-colors hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus";

function Branch({ node, level, selection, onSelect }: { node: TreeOrganization; level: number; selection: Selection | null; onSelect: (s: Selection) => void }) {
  const selected = selection?.type === "organization" && selection.id === node.id;
  const hasChildren = node.projects.length > 0 || node.children.length > 0;
  return (
    <li role="treeitem" aria-level={level} aria-expanded={hasChildren ? true : undefined} aria-selected={selected}>
      <div className={cn("flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md px-2 py-1.5", selected && "bg-brand-50")}>
        <BuildingIcon className="text-fg-subtle" />
        <button type="button" onClick={() => onSelect({ type: "organization", id: node.id })} className={cn(rowButton, "font-medium", selected ? "text-brand-700" : "text-fg")}>
          {node.name}
        </button>
        {node.key ? <Badge>{node.key}</Badge> : null}
        <span className="text-xs text-fg-subtle">
          {formatCount(node.children.length, "organization")} · {formatCount(node.projects.length, "project")}
        </span>
      </div>
      {hasChildren ? (
        <ul role="group" className="ml-4 border-l border-line pl-3">
          {node.projects.map((project) => {
            const projectSelected = selection?.type === "project" && selection.id === project.id;
            return (
              <li
                key={project.id}
                role="treeitem"
                aria-level={level + 1}
                aria-selected={projectSelected}
                className={cn("flex items-center gap-2 rounded-md px-2 py-1.5", projectSelected && "bg-brand-50")}
              >
                <FolderIcon className="text-brand-500" />
                <button
                  type="button"
                  onClick={() => onSelect({ type: "project", id: project.id })}
                  className={cn(rowButton, projectSelected ? "text-brand-700" : "text-fg-muted")}
                >
                  {project.name}
                </button>
                <Link href={`/projects/${project.id}`} aria-label={`Open project ${project.name}`} title="Open the project page" className="rounded-sm p-0.5 text-fg-subtle hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-focus">
                  <ExternalLinkIcon className="size-3.5" />
                </Link>
              </li>
            );
          })}
          {node.children.map((child) => (
            <Branch key={child.id} node={child} level={level + 1} selection={selection} onSelect={onSelect} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The organization tree with a panel that manages the chosen organization or project. */
export function OrganizationsWorkspace({ tree, initialSelection }: { tree: TreeOrganization[]; initialSelection: Selection | null }) {
  const [selection, setSelection] = useState<Selection | null>(initialSelection);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const flat = flatten(tree);
  const org = selection?.type === "organization" ? findOrganization(tree, selection.id) : null;
  const project = selection?.type === "project" ? findProject(tree, selection.id) : null;
  const close = () => setDialog(null);
  const select = (next: Selection | null) => {
    setSelection(next);
    setNotice(null);
    setDialog(null);
  };
  const done = (message: string, next?: Selection | null) => {
    setDialog(null);
    setNotice(message);
    if (next !== undefined) setSelection(next);
  };

  return (
    <div className="space-y-4">
      {notice ? (
        <Alert tone="success">
          {notice}
        </Alert>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <Card aria-labelledby="organization-tree-title">
          <CardHeader
            titleId="organization-tree-title"
            title="Organization tree"
            description="Choose an organization or a project to manage it."
            actions={
              <Button type="button" size="sm" icon={<PlusIcon />} onClick={() => setDialog("new-root")}>
                New organization
              </Button>
            }
          />
          <CardBody>
            {tree.length === 0 ? (
              <EmptyState as="p" bordered={false} icon={<BuildingIcon />} title="No organizations yet" description="Create your first organization, then add sub-organizations and projects to it." />
            ) : (
              <ul role="tree" aria-label="Organizations and projects">
                {tree.map((node) => (
                  <Branch key={node.id} node={node} level={1} selection={selection} onSelect={select} />
                ))}
              </ul>
            )}
          </CardBody>
        </Card>

        {org ? (
          <Card aria-labelledby="selected-title">
            <CardHeader
              titleId="selected-title"
              title={org.item.name}
              description={org.ancestors.length > 0 ? `In ${org.ancestors.map((a) => a.name).join(" › ")}` : "Top-level organization"}
            />
            <CardBody>
              <DescriptionList
                items={[
                  { label: "Key", value: org.item.key ? <code className="font-mono text-[0.8125rem]">{org.item.key}</code> : <span className="text-fg-muted">None</span> },
                  { label: "Holds", value: `${formatCount(org.item.children.length, "organization")}, ${formatCount(org.item.projects.length, "project")}` },
                  { label: "Role assignments here", value: formatCount(org.item.assignmentCount, "assignment") },
                ]}
              />
            </CardBody>
            <CardFooter className="justify-start">
              <Button type="button" size="sm" variant="secondary" icon={<PlusIcon />} onClick={() => setDialog("new-child")}>
                Add sub-organization
              </Button>
              <Button type="button" size="sm" variant="secondary" icon={<PlusIcon />} onClick={() => setDialog("new-project")}>
                Add project
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => setDialog("rename")}>
                Rename
              </Button>
              <Button type="button" size="sm" variant="secondary" icon={<KeyIcon />} onClick={() => setDialog("key")}>
                {org.item.key ? "Change key" : "Set key"}
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => setDialog("move")}>
                Move
              </Button>
              <Button type="button" size="sm" variant="danger" icon={<TrashIcon />} onClick={() => setDialog("delete")}>
                Delete
              </Button>
            </CardFooter>
          </Card>
        ) : project ? (
          <Card aria-labelledby="selected-title">
            <CardHeader titleId="selected-title" title={project.item.name} description={`Project in ${project.ancestors.map((a) => a.name).join(" › ")}`} />
            <CardBody>
              <DescriptionList items={[{ label: "Role assignments here", value: formatCount(project.item.assignmentCount, "assignment") }]} />
            </CardBody>
            <CardFooter className="justify-start">
              <ButtonLink href={`/projects/${project.item.id}`} size="sm" variant="secondary" icon={<ExternalLinkIcon />}>
                Open project page
              </ButtonLink>
              <Button type="button" size="sm" variant="secondary" onClick={() => setDialog("rename")}>
                Rename
              </Button>
              <Button type="button" size="sm" variant="secondary" onClick={() => setDialog("move")}>
                Move
              </Button>
              <Button type="button" size="sm" variant="danger" icon={<TrashIcon />} onClick={() => setDialog("delete")}>
                Delete
              </Button>
            </CardFooter>
          </Card>
        ) : (
          <EmptyState
            icon={<BuildingIcon />}
            title="Nothing chosen"
            description="Choose an organization to add sub-organizations or projects to it, rename it, give it a key, move it or delete it."
          />
        )}
      </div>

      <FormDialog
        open={dialog === "new-root"}
        onClose={close}
        title="New organization"
        description="A top-level organization. You can move it under another one later."
        fields={[
          { kind: "text", name: "name", label: "Name", required: true, maxLength: MAX_NAME_LENGTH },
          { kind: "text", name: "key", label: "Key", description: KEY_HELP, maxLength: MAX_KEY_LENGTH, placeholder: "e.g. emea-sales" },
        ]}
        submitLabel="Create organization"
        failureTitle="The organization was not created"
        onSubmit={(v) => createOrganizationAction({ parentId: null, name: v.name ?? "", key: v.key ?? "" })}
        onDone={(created) => done("Organization created.", { type: "organization", id: created.id })}
      />

      {org ? (
        <>
          <FormDialog
            open={dialog === "new-child"}
            onClose={close}
            title={`New organization in ${org.item.name}`}
            fields={[
              { kind: "text", name: "name", label: "Name", required: true, maxLength: MAX_NAME_LENGTH },
              { kind: "text", name: "key", label: "Key", description: KEY_HELP, maxLength: MAX_KEY_LENGTH, placeholder: "e.g. emea-sales" },
            ]}
            submitLabel="Create organization"
            failureTitle="The organization was not created"
            onSubmit={(v) => createOrganizationAction({ parentId: org.item.id, name: v.name ?? "", key: v.key ?? "" })}
            onDone={(created) => done("Organization created.", { type: "organization", id: created.id })}
          />
          <FormDialog
            open={dialog === "new-project"}
            onClose={close}
            title={`New project in ${org.item.name}`}
            description="People with a role on this organization or above it reach the project too."
            fields={[{ kind: "text", name: "name", label: "Name", required: true, maxLength: MAX_NAME_LENGTH }]}
            submitLabel="Create project"
            failureTitle="The project was not created"
            onSubmit={(v) => createProjectAction({ organizationId: org.item.id, name: v.name ?? "" })}
            onDone={(created) => done("Project created.", { type: "project", id: created.id })}
          />
          <FormDialog
            open={dialog === "rename"}
            onClose={close}
            title={`Rename ${org.item.name}`}
            fields={[{ kind: "text", name: "name", label: "Name", required: true, maxLength: MAX_NAME_LENGTH, defaultValue: org.item.name }]}
            submitLabel="Save name"
            failureTitle="The name was not changed"
            onSubmit={(v) => renameOrganizationAction({ organizationId: org.item.id, name: v.name ?? "" })}
            onDone={() => done("Organization renamed.")}
          />
          <FormDialog
            open={dialog === "key"}
            onClose={close}
            title={`Key of ${org.item.name}`}
            description={
              <>
                Your identity provider can send this key in the <code className="font-mono text-xs">organizations</code> attribute of our SCIM organization extension (
                <code className="font-mono text-xs break-all">{ORGANIZATION_EXTENSION_URN}</code>) to say that a user or a group belongs to this organization. A group
                placed in organizations can only be given roles inside them. Leave the key empty to remove it.
              </>
            }
            fields={[{ kind: "text", name: "key", label: "Key", description: "Letters, digits and hyphens, starting with a letter or a digit; stored in lower case; unique in your account.", maxLength: MAX_KEY_LENGTH, defaultValue: org.item.key ?? "", placeholder: "e.g. emea-sales" }]}
            submitLabel="Save key"
            failureTitle="The key was not changed"
            onSubmit={(v) => setOrganizationKeyAction({ organizationId: org.item.id, key: v.key ?? "" })}
            onDone={(saved) => done(saved.key ? `Key set to “${saved.key}”.` : "Key removed.")}
          >
            {org.item.key ? <p className="text-[0.8125rem] text-fg-muted">Changing or removing the key affects identity providers that already send “{org.item.key}”: update them too.</p> : null}
          </FormDialog>
          <FormDialog
            open={dialog === "move"}
            onClose={close}
            title={`Move ${org.item.name}`}
            description="Its sub-organizations and projects move with it. Roles given on the new parent then apply here too, and roles from the old parent no longer do."
            fields={[
              {
                kind: "select",
                name: "parentId",
                label: "New place",
                defaultValue: org.ancestors.at(-1)?.id ?? "",
                options: [
                  { value: "", label: "Top level (no parent)" },
                  ...flat.filter((entry) => !(flat.find((e) => e.id === org.item.id)?.ids.has(entry.id) ?? false)).map((entry) => ({ value: entry.id, label: `Under ${entry.path}` })),
                ],
              },
            ]}
            submitLabel="Move organization"
            failureTitle="The organization was not moved"
            onSubmit={(v) => moveOrganizationAction({ organizationId: org.item.id, parentId: v.parentId ? v.parentId : null })}
            onDone={() => done("Organization moved.")}
          />
          <DeleteOrganizationDialog
            open={dialog === "delete"}
            onClose={close}
            organization={org.item}
            onDeleted={(message) => done(message, null)}
          />
        </>
      ) : null}

      {project ? (
        <>
          <FormDialog
            open={dialog === "rename"}
            onClose={close}
            title={`Rename ${project.item.name}`}
            fields={[{ kind: "text", name: "name", label: "Name", required: true, maxLength: MAX_NAME_LENGTH, defaultValue: project.item.name }]}
            submitLabel="Save name"
            failureTitle="The name was not changed"
            onSubmit={(v) => renameProjectAction({ projectId: project.item.id, name: v.name ?? "" })}
            onDone={() => done("Project renamed.")}
          />
          <FormDialog
            open={dialog === "move"}
            onClose={close}
            title={`Move ${project.item.name}`}
            description="Roles given on the new organization (or above it) then apply to the project, and roles from the old one no longer do."
            fields={[
              {
                kind: "select",
                name: "organizationId",
                label: "New organization",
                defaultValue: project.ancestors.at(-1)?.id ?? "",
                options: flat.map((entry) => ({ value: entry.id, label: entry.path })),
              },
            ]}
            submitLabel="Move project"
            failureTitle="The project was not moved"
            onSubmit={(v) => moveProjectAction({ projectId: project.item.id, organizationId: v.organizationId ?? "" })}
            onDone={() => done("Project moved.")}
          />
          <DeleteProjectDialog open={dialog === "delete"} onClose={close} project={project.item} onDeleted={(message) => done(message, null)} />
        </>
      ) : null}
    </div>
  );
}
