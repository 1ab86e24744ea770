"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/app/(console)/run-action";
import { MAX_NAME_LENGTH } from "@/lib/organizations/names";
import { renameProjectAsMember } from "@/lib/organizations/rename-project-as-member";

const renameInput = z.object({
  projectId: z.uuid("That project does not exist."),
  name: z.string().max(MAX_NAME_LENGTH, `Use at most ${MAX_NAME_LENGTH} characters.`),
});

/** Open to every signed-in person; the permission (project.administer at this project) is checked in lib. */
export async function renameThisProjectAction(input: z.input<typeof renameInput>): Promise<ActionResult> {
  return runAction({ schema: renameInput, input, who: "viewer" }, async ({ viewer, accountId, actor }, values) => {
    await renameProjectAsMember({ accountId, userId: viewer.id, actor, ...values });
    return null;
  });
}
