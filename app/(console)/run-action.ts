import "server-only";
import { withAuditRequest } from "@/lib/audit/request-context";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { AccessError } from "@/lib/access/access-error";
import { actorOf, requireAdministrator, requireViewer, type Viewer } from "@/lib/auth/viewer";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { OrganizationError } from "@/lib/organizations/errors";
import { AccountReadOnlyError, assertAccountWritable } from "@/lib/provisioning/read-only";

// How the console's server actions (organizations, roles, user access, projects) run and what they return:
// never a raw error, always something the page can show.

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** A refusal the action itself decides (e.g. a missing permission), shown as it is. */
export class ActionRefused extends Error {}

/** A readable message for the errors the domain throws on purpose; null for anything unexpected. */
function knownErrorMessage(error: unknown): string | null {
  if (error instanceof AccountReadOnlyError || error instanceof OrganizationError || error instanceof AccessError || error instanceof ActionRefused) return error.message;
  return null;
}

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
 * Runs a mutating server action: the session check (administrators only, unless `who` is "viewer", in which case
 * `run` checks the permission itself), the input parse, the account's read-only check, then `run`. Every page of
 * the console is revalidated afterwards, since organizations and roles show up on most of them.
 */
export async function runAction<S extends z.ZodType, T>(
  options: { schema: S; input: unknown; who?: "administrator" | "viewer"; mutates?: boolean },
  run: (ctx: ActionContext, input: z.infer<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  // Outside the try: the redirect to sign-in and the 403 must propagate.
  const viewer = options.who === "viewer" ? await requireViewer() : await requireAdministrator();
  const mutates = options.mutates ?? true;
  const parsed = options.schema.safeParse(options.input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, error: Object.values(fieldErrors)[0] ?? "Check the form and try again.", fieldErrors };
  }
  const ctx: ActionContext = { viewer, accountId: viewer.account.id, actor: actorOf(viewer) };
  try {
    if (mutates) await assertAccountWritable(ctx.accountId);
    const data = await withAuditRequest(() => run(ctx, parsed.data));
    if (mutates) revalidatePath("/", "layout");
    return { ok: true, data };
  } catch (error) {
    const message = knownErrorMessage(error);
    if (message) return { ok: false, error: message };
    console.error("console action failed", error);
    return { ok: false, error: "Something went wrong on our side. Reload the page to see what was saved, then try again." };
  }
}
