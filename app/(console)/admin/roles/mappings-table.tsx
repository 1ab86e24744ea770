"use client";

import { useState } from "react";
import { roleLabel } from "@/components/access/describe";
import { useServerAction } from "@/components/provisioning/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TrashIcon } from "@/components/ui/icons";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import type { Role } from "@/lib/generated/prisma/enums";
import { removeAssignmentAction } from "./actions";

export interface MappingRow {
  assignmentId: string;
  groupName: string;
  /** Organization keys the IdP binds the group to; empty when unbound. */
  groupOrganizationKeys: string[];
  role: Role;
  where: string;
  whereDetail: string;
  usersReached: number;
}

/** The account's group role mappings, each removable after a confirmation that says who is affected. */
export function MappingsTable({ mappings }: { mappings: MappingRow[] }) {
  const [removing, setRemoving] = useState<MappingRow | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const remove = useServerAction(removeAssignmentAction);

  async function confirm() {
    if (!removing) return;
    const result = await remove.run({ assignmentId: removing.assignmentId });
    if (result.ok) {
      setRemoved(`${roleLabel(removing.role)} at ${removing.where} was taken away from ${removing.groupName}.`);
      setRemoving(null);
    }
  }

  return (
    <>
      {removed ? (
        <div className="px-5 pt-4">
          <Alert tone="success">{removed}</Alert>
        </div>
      ) : null}
      <Table caption="Group role mappings" bare>
        <THead>
          <TR>
            <TH>Group</TH>
            <TH>Role</TH>
            <TH>Where</TH>
            <TH align="right">Users reached</TH>
            <TH align="right">
              <span className="sr-only">Actions</span>
            </TH>
          </TR>
        </THead>
        <TBody>
          {mappings.map((m) => (
            <TR key={m.assignmentId}>
              <TD>
                <span className="font-medium">{m.groupName}</span>
                {m.groupOrganizationKeys.length > 0 ? <span className="block text-xs text-fg-subtle">Bound to {m.groupOrganizationKeys.join(", ")}</span> : null}
              </TD>
              <TD>{roleLabel(m.role)}</TD>
              <TD>
                <span>{m.where}</span>
                <span className="block text-xs text-fg-subtle">{m.whereDetail}</span>
              </TD>
              <TD align="right">{m.usersReached.toLocaleString("en-GB")}</TD>
              <TD align="right">
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  icon={<TrashIcon />}
                  aria-label={`Remove ${roleLabel(m.role)} at ${m.where} from ${m.groupName}`}
                  onClick={() => {
                    remove.reset();
                    setRemoved(null);
                    setRemoving(m);
                  }}
                >
                  Remove
                </Button>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => void confirm()}
        tone="danger"
        loading={remove.pending}
        title="Remove this mapping?"
        confirmLabel="Remove mapping"
        description={
          removing
            ? `Members of ${removing.groupName} lose ${roleLabel(removing.role)} at ${removing.where}. That reaches ${formatCount(removing.usersReached, "user")} today; anyone who holds the role another way (directly or through another group) keeps it.`
            : undefined
        }
      >
        {remove.error ? (
          <Alert tone="danger" title="The mapping was not removed">
            {remove.error}
          </Alert>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
