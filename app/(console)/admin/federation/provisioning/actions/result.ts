import "server-only";
import { withAuditRequest } from "@/lib/audit/request-context";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { actorOf, requireAdministrator, type Viewer } from "@/lib/auth/viewer";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { AccountReadOnlyError, assertAccountWritable } from "@/lib/provisioning/read-only";
import { SetupError, TransitionRefused } from "@/lib/provisioning/setup";
import { ScimTokenError } from "@/lib/tokens/errors";

// What every server action of the Provisioning tab returns: never a raw error, always something to show.

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export const PROVISIONING_PATH = "/admin/federation/provisioning";

const STALE_PAGE = "Provisioning changed since this page was loaded (perhaps in another tab). The page now shows the current state; check it and try again.";

/** A readable message for the errors the domain throws on purpose; null for anything unexpected. */
function knownErrorMessage(error: unknown): string | null {
  if (error instanceof AccountReadOnlyError || error instanceof SetupError || error instanceof ScimTokenError) return error.message;
  if (error instanceof TransitionRefused) return STALE_PAGE;
  return null;
}

/** Field errors of a failed zod parse, first message per field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}

export interface ActionContext {
  viewer: Viewer;
  accountId: string;
  actor: AuditActor;
}

/**
 * Runs a Provisioning-tab action: administrator check, input parse, read-only check (for mutations), then `run`.
 * Known domain errors become their message; anything else is logged and reported in general terms.
 */
export async function provisioningAction<S extends z.ZodType, T>(
  options: { schema: S; input: unknown; mutates: boolean },
  run: (ctx: ActionContext, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const viewer = await requireAdministrator(); // outside the try: its redirect / 403 must propagate
  const parsed = options.schema.safeParse(options.input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, error: Object.values(fieldErrors)[0] ?? "Check the form and try again.", fieldErrors };
  }
  const ctx: ActionContext = { viewer, accountId: viewer.account.id, actor: actorOf(viewer) };
  try {
    if (options.mutates) await assertAccountWritable(ctx.accountId);
    const data = await withAuditRequest(() => run(ctx, parsed.data));
    if (options.mutates) revalidatePath(PROVISIONING_PATH);
    return { ok: true, data };
  } catch (error) {
    const message = knownErrorMessage(error);
    if (error instanceof TransitionRefused) revalidatePath(PROVISIONING_PATH);
    if (message) return { ok: false, error: message };
    console.error("provisioning action failed", error);
    return { ok: false, error: "Something went wrong on our side. Reload the page to see what was saved, then try again." };
  }
}
