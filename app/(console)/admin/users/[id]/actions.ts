"use server";

import { z } from "zod";
import { roleAtScopeInput, scopeOf } from "@/app/(console)/admin/roles/role-input";
import { runAction, type ActionResult } from "@/app/(console)/run-action";
import { assignRole } from "@/lib/access/assignments";

const addRoleInput = z.intersection(z.object({ userId: z.uuid("That user does not exist.") }), roleAtScopeInput);

/** Gives the user a role individually (it stays whatever their groups do). Fields as the form holds them. */
export async function addUserRoleAction(input: { userId: string; role: string; scopeType: string; scopeId: string }): Promise<ActionResult> {
  return runAction({ schema: addRoleInput, input }, async ({ accountId, actor }, values) => {
    await assignRole({ accountId, actor, principal: { userId: values.userId }, role: values.role, scope: scopeOf(values) });
    return null;
  });
}
