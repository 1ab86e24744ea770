"use client";

import { useState } from "react";
import { removeAssignmentAction } from "@/app/(console)/admin/roles/actions";
import { roleLabel } from "@/components/access/describe";
import { EMPTY_ROLE_AT_SCOPE, RoleScopeFields, type RoleAtScope, type ScopeOption } from "@/components/access/role-scope-fields";
import { useServerAction } from "@/components/provisioning/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardBody } from "@/components/ui/card";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { KeyIcon, PlusIcon, TrashIcon } from "@/components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { Role } from "@/lib/generated/prisma/enums";
import { addUserRoleAction } from "./actions";

export interface IndividualRole {
  assignmentId: string;
  role: Role;
  where: string;
  whereDetail: string;
  given: string;
}

/** The roles given to this user individually: add (role and scope) and remove, each confirmed. */
export function UserRoles({ userId, userLabel, roles, organizations, projects }: { userId: string; userLabel: string; roles: IndividualRole[]; organizations: ScopeOption[]; projects: ScopeOption[] }) {
  const [adding, setAdding] = useState(false);
  const [value, setValue] = useState<RoleAtScope>(EMPTY_ROLE_AT_SCOPE);
  const [removing, setRemoving] = useState<IndividualRole | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const add = useServerAction(addUserRoleAction);
  const remove = useServerAction(removeAssignmentAction);

  function closeAdd() {
    add.reset();
    setAdding(false);
  }

  async function submitAdd() {
    const result = await add.run({ userId, role: value.role, scopeType: value.scopeType, scopeId: value.scopeId });
    if (result.ok) {
      setNotice("Role added.");
      setValue(EMPTY_ROLE_AT_SCOPE);
      setAdding(false);
    }
  }

  async function confirmRemove() {
    if (!removing) return;
    const result = await remove.run({ assignmentId: removing.assignmentId });
    if (result.ok) {
      setNotice(`${roleLabel(removing.role)} at ${removing.where} was removed.`);
      setRemoving(null);
    }
  }

  const unplacedAddError = add.error !== null && Object.keys(add.fieldErrors).length === 0;

  return (
    <>
      <CardBody className="flex flex-wrap items-center justify-between gap-3 border-b border-line">
        <p className="text-sm text-fg-muted">Given to {userLabel} personally. Group membership changes from the identity provider never touch these.</p>
        <Button
          type="button"
          size="sm"
          icon={<PlusIcon />}
          onClick={() => {
            setNotice(null);
            setAdding(true);
          }}
        >
          Add role
        </Button>
      </CardBody>
      {notice ? (
        <div className="px-5 pt-4">
          <Alert tone="success">{notice}</Alert>
        </div>
      ) : null}
      {roles.length === 0 ? (
        <EmptyState as="p" bordered={false} icon={<KeyIcon />} title="No individual roles" description="Everything this user holds comes from groups, if anything." />
      ) : (
        <Table caption="Roles given individually" bare>
          <THead>
            <TR>
              <TH>Role</TH>
              <TH>Where</TH>
              <TH>Given</TH>
              <TH align="right">
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {roles.map((r) => (
              <TR key={r.assignmentId}>
                <TD className="font-medium">{roleLabel(r.role)}</TD>
                <TD>
                  {r.where}
                  <span className="block text-xs text-fg-subtle">{r.whereDetail}</span>
                </TD>
                <TD className="text-fg-muted">{r.given}</TD>
                <TD align="right">
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    icon={<TrashIcon />}
                    aria-label={`Remove ${roleLabel(r.role)} at ${r.where}`}
                    onClick={() => {
                      remove.reset();
                      setNotice(null);
                      setRemoving(r);
                    }}
                  >
                    Remove
                  </Button>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}

      <Dialog
        open={adding}
        onClose={closeAdd}
        dismissible={!add.pending}
        size="md"
        title={`Add a role for ${userLabel}`}
        description="The role is given to this person individually and stays until an administrator removes it."
        footer={
          <>
            <Button type="button" variant="secondary" onClick={closeAdd} disabled={add.pending}>
              Cancel
            </Button>
            <Button type="submit" form="add-user-role-form" loading={add.pending}>
              Add role
            </Button>
          </>
        }
      >
        <form
          id="add-user-role-form"
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            void submitAdd();
          }}
        >
          {unplacedAddError ? (
            <Alert tone="danger" title="The role was not added">
              {add.error}
            </Alert>
          ) : null}
          <RoleScopeFields idPrefix="user-role" value={value} onChange={setValue} organizations={organizations} projects={projects} errors={add.fieldErrors} />
        </form>
      </Dialog>

      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => void confirmRemove()}
        tone="danger"
        loading={remove.pending}
        title="Remove this role?"
        confirmLabel="Remove role"
        description={removing ? `${userLabel} loses ${roleLabel(removing.role)} at ${removing.where}, unless a group still gives it.` : undefined}
      >
        {remove.error ? (
          <Alert tone="danger" title="The role was not removed">
            {remove.error}
          </Alert>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
