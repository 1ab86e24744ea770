"use server";

import { z } from "zod";
import type { AccessPreview } from "@/lib/provisioning/access-preview";
import { searchDirectoryGroups, type DirectoryGroupMatch } from "@/lib/provisioning/search-groups";
import { deleteProvisioningSetup, previewSetup, saveProvisioningSetup } from "@/lib/provisioning/setup";
import type { ReconcileSummary } from "@/lib/provisioning/reconcile";
import { provisioningAction, type ActionResult } from "./result";

const ruleInput = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("NOT_RESTRICTED") }),
  z.object({ mode: z.literal("GROUPS"), groupIds: z.array(z.uuid()).min(1, "Choose at least one group.").max(500, "Choose at most 500 groups.") }),
]);

export type SetupRuleInput = z.input<typeof ruleInput>;

export async function previewSetupAction(input: { rule: SetupRuleInput }): Promise<ActionResult<AccessPreview>> {
  return provisioningAction({ schema: z.object({ rule: ruleInput }), input, mutates: false }, ({ accountId }, { rule }) => previewSetup(accountId, rule));
}

const saveSetupInput = z.object({ rule: ruleInput, expectedVersion: z.int().nonnegative() });

/** Returns what changed now, or null when the change waits for provisioning to resume. */
export async function saveSetupAction(input: z.input<typeof saveSetupInput>): Promise<ActionResult<ReconcileSummary | null>> {
  return provisioningAction({ schema: saveSetupInput, input, mutates: true }, ({ accountId, actor }, { rule, expectedVersion }) =>
    saveProvisioningSetup(accountId, actor, rule, expectedVersion),
  );
}

const deleteSetupInput = z.object({ expectedVersion: z.int().nonnegative() });

export async function deleteSetupAction(input: z.input<typeof deleteSetupInput>): Promise<ActionResult> {
  return provisioningAction({ schema: deleteSetupInput, input, mutates: true }, async ({ accountId, actor }, { expectedVersion }) => {
    await deleteProvisioningSetup(accountId, actor, expectedVersion);
    return null;
  });
}

const searchGroupsInput = z.object({ query: z.string().max(200, "Use a shorter search.") });

export async function searchGroupsAction(input: { query: string }): Promise<ActionResult<DirectoryGroupMatch[]>> {
  return provisioningAction({ schema: searchGroupsInput, input, mutates: false }, ({ accountId }, { query }) => searchDirectoryGroups(accountId, query));
}
