import "server-only";
import { withAuditRequest } from "@/lib/audit/request-context";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { AccessError } from "@/lib/access/access-error";
import { actorOf, requireAdministrator, requireViewer, type Viewer } from "@/lib/auth/viewer";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { OrganizationError } from "@/lib/organizations/errors";
import { AccountReadOnlyError, assertAccountWritable } from "@/lib/provisioning/read-only";
import { SetupError, TransitionRefused } from "@/lib/provisioning/setup";
import { ScimTokenError } from "@/lib/tokens/errors";

// How every server action of the console runs and what it returns: never a raw error, always something the page
// can show.

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** A refusal the action itself decides (e.g. a missing permission), shown as it is. */
export class ActionRefused extends Error {}

const STALE_PAGE = "Provisioning changed since this page was loaded (perhaps in another tab). The page now shows the current state; check it and try again.";

/** A readable message for the errors the domain throws on purpose; null for anything unexpected. */
function knownErrorMessage(error: unknown): string | null {
  if (
    error instanceof AccountReadOnlyError ||
    error instanceof OrganizationError ||
    error instanceof AccessError ||
    error instanceof ActionRefused ||
    error instanceof SetupError ||
    error instanceof ScimTokenError
  ) {
    return error.message;
  }
  if (error instanceof TransitionRefused) return STALE_PAGE;
  return null;
}

/** Field errors of a failed zod parse, first message per field. */
function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

export interface ActionContext {
  viewer: Viewer;
  accountId: string;
  actor: AuditActor;
}

/**
 * Runs a server action: the session check (administrators only, unless `who` is "viewer", in which case `run` checks
 * the permission itself), the input parse, the account's read-only check for mutations, then `run` as one audited
 * request. Afterwards `revalidate` is refreshed (by default every page of the console, since organizations and roles
 * show up on most of them); so is it when a provisioning transition was refused, so the page shows the current state.
 */
export async function runAction<S extends z.ZodType, T>(
  options: { schema: S; input: unknown; who?: "administrator" | "viewer"; mutates?: boolean; revalidate?: string },
  run: (ctx: ActionContext, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  // Outside the try: the redirect to sign-in and the 403 must propagate.
  const viewer = options.who === "viewer" ? await requireViewer() : await requireAdministrator();
  const mutates = options.mutates ?? true;
  const refresh = () => (options.revalidate ? revalidatePath(options.revalidate) : revalidatePath("/", "layout"));
  const parsed = options.schema.safeParse(options.input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, error: Object.values(fieldErrors)[0] ?? "Check the form and try again.", fieldErrors };
  }
  const ctx: ActionContext = { viewer, accountId: viewer.account.id, actor: actorOf(viewer) };
  try {
    if (mutates) await assertAccountWritable(ctx.accountId);
    const data = await withAuditRequest(() => run(ctx, parsed.data));
    if (mutates) refresh();
    return { ok: true, data };
  } catch (error) {
    const message = knownErrorMessage(error);
    if (error instanceof TransitionRefused) refresh();
    if (message) return { ok: false, error: message };
    console.error("console action failed", error);
    return { ok: false, error: "Something went wrong on our side. Reload the page to see what was saved, then try again." };
  }
}
