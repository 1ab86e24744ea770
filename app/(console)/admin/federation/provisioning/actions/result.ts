import "server-only";
import type { z } from "zod";
import { runAction, type ActionContext, type ActionResult } from "@/app/(console)/run-action";

// The Provisioning tab's server actions: the console's runAction, refreshing the tab.

export type { ActionResult };

const PROVISIONING_PATH = "/admin/federation/provisioning";

/** Runs a Provisioning-tab action (administrators only) and refreshes the tab after a change. */
export function provisioningAction<S extends z.ZodType, T>(
  options: { schema: S; input: unknown; mutates: boolean },
  run: (ctx: ActionContext, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  return runAction({ ...options, revalidate: PROVISIONING_PATH }, run);
}
