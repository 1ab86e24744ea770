"use client";

import { useState } from "react";
import { GroupSelect, type ChosenGroup } from "@/components/access/group-select";
import { EMPTY_ROLE_AT_SCOPE, RoleScopeFields, type RoleAtScope, type ScopeOption } from "@/components/access/role-scope-fields";
import { useServerAction } from "@/components/provisioning/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardBody, CardFooter } from "@/components/ui/card";
import { PlusIcon } from "@/components/ui/icons";
import { ROLE_CATALOGUE } from "@/lib/access/roles";
import { mapGroupAction } from "./actions";

/** Choose a directory group, where the role applies and the role; the new mapping appears in the list below. */
export function MapGroupForm({ organizations, projects, directoryGroupCount }: { organizations: ScopeOption[]; projects: ScopeOption[]; directoryGroupCount: number }) {
  const [group, setGroup] = useState<ChosenGroup | null>(null);
  const [roleAtScope, setRoleAtScope] = useState<RoleAtScope>(EMPTY_ROLE_AT_SCOPE);
  const [done, setDone] = useState<string | null>(null);
  const map = useServerAction(mapGroupAction);

  async function submit() {
    setDone(null);
    const result = await map.run({ groupId: group?.id ?? "", role: roleAtScope.role, scopeType: roleAtScope.scopeType, scopeId: roleAtScope.scopeId });
    if (result.ok && roleAtScope.role !== "") {
      const where =
        roleAtScope.scopeType === "ACCOUNT"
          ? "the whole account"
          : (roleAtScope.scopeType === "ORGANIZATION" ? organizations : projects).find((o) => o.id === roleAtScope.scopeId)?.label ?? "the chosen place";
      setDone(`Everyone in ${result.data.group} now has ${ROLE_CATALOGUE[roleAtScope.role].label} at ${where}.`);
      setRoleAtScope(EMPTY_ROLE_AT_SCOPE);
      setGroup(null);
    }
  }

  const fieldErrors = map.fieldErrors;
  const unplaced = map.error !== null && Object.keys(fieldErrors).length === 0;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <CardBody className="space-y-5">
        {done ? <Alert tone="success">{done}</Alert> : null}
        {unplaced ? (
          <Alert tone="danger" title="The mapping was not added">
            {map.error}
          </Alert>
        ) : null}
        <div className="grid gap-6 lg:grid-cols-2">
          <GroupSelect value={group} onChange={setGroup} directoryGroupCount={directoryGroupCount} error={fieldErrors.groupId} />
          <RoleScopeFields idPrefix="mapping" value={roleAtScope} onChange={setRoleAtScope} organizations={organizations} projects={projects} errors={fieldErrors} />
        </div>
      </CardBody>
      <CardFooter>
        <Button type="submit" icon={<PlusIcon />} loading={map.pending} disabled={directoryGroupCount === 0}>
          Add mapping
        </Button>
      </CardFooter>
    </form>
  );
}
