"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/app/(console)/run-action";
import { assignRole, removeAssignment } from "@/lib/access/assignments";
import { roleAtScopeInput, scopeOf } from "./role-input";
import { searchDirectoryGroups, type DirectoryGroupMatch } from "@/lib/provisioning/search-groups";

// Thin adapters onto lib/access: which roles may be given where, and the audit, are decided there.

const searchInput = z.object({ query: z.string().max(200, "Use a shorter search.") });

export async function searchGroupsAction(input: { query: string }): Promise<ActionResult<DirectoryGroupMatch[]>> {
  return runAction({ schema: searchInput, input, mutates: false }, ({ accountId }, { query }) => searchDirectoryGroups(accountId, query));
}

const mapGroupInput = z.intersection(z.object({ groupId: z.uuid("Choose a group.") }), roleAtScopeInput);

/** Fields as the form holds them (strings); the schema decides what is valid. */
export async function mapGroupAction(input: { groupId: string; role: string; scopeType: string; scopeId: string }): Promise<ActionResult<{ group: string }>> {
  return runAction({ schema: mapGroupInput, input }, async ({ accountId, actor }, values) => {
    const assigned = await assignRole({ accountId, actor, principal: { groupId: values.groupId }, role: values.role, scope: scopeOf(values) });
    return { group: assigned.principal.label };
  });
}

const removeInput = z.object({ assignmentId: z.uuid("That role assignment does not exist.") });

export async function removeAssignmentAction(input: z.input<typeof removeInput>): Promise<ActionResult> {
  return runAction({ schema: removeInput, input }, async ({ accountId, actor }, { assignmentId }) => {
    await removeAssignment({ accountId, actor, assignmentId });
    return null;
  });
}
