"use server";

import { withAuditRequest } from "@/lib/audit/request-context";
import { revalidatePath } from "next/cache";
import { retentionInput, updateRetentionSettings } from "@/lib/accounts/retention-settings";
import { verifyAuditChain, type ChainVerification } from "@/lib/audit/verify-chain";
import { actorOf, requireAdministrator } from "@/lib/auth/viewer";
import { AccountReadOnlyError, assertAccountWritable } from "@/lib/provisioning/read-only";
import type { ActionResult } from "../federation/provisioning/actions/result";

/** Recomputes the viewer's account's audit chain (the "Verify" button). */
export async function verifyAuditChainAction(): Promise<ActionResult<ChainVerification>> {
  const viewer = await requireAdministrator();
  try {
    return { ok: true, data: await verifyAuditChain(viewer.account.id) };
  } catch (error) {
    console.error("audit chain verification failed", error);
    return { ok: false, error: "The chain could not be checked just now. Try again in a moment." };
  }
}

/** How long the account keeps audit events and SCIM requests (audited as "account.retention_changed"). */
export async function updateRetentionAction(input: { auditRetentionDays: string; scimLogRetentionDays: string }): Promise<ActionResult<{ changed: boolean }>> {
  const viewer = await requireAdministrator(); // outside the try: its redirect / 403 must propagate
  const parsed = retentionInput.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, error: Object.values(fieldErrors)[0] ?? "Check the form and try again.", fieldErrors };
  }
  try {
    await assertAccountWritable(viewer.account.id);
    const changed = await withAuditRequest(() => updateRetentionSettings(viewer.account.id, actorOf(viewer), parsed.data));
    revalidatePath("/admin/audit");
    return { ok: true, data: { changed } };
  } catch (error) {
    if (error instanceof AccountReadOnlyError) return { ok: false, error: error.message };
    console.error("retention settings could not be saved", error);
    return { ok: false, error: "Something went wrong on our side. Reload the page to see what was saved, then try again." };
  }
}
