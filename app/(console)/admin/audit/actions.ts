"use server";

import { retentionInput, updateRetentionSettings } from "@/lib/accounts/retention-settings";
import { verifyAuditChain, type ChainVerification } from "@/lib/audit/verify-chain";
import { requireAdministrator } from "@/lib/auth/viewer";
import { runAction, type ActionResult } from "@/app/(console)/run-action";

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
  return runAction({ schema: retentionInput, input, revalidate: "/admin/audit" }, async ({ accountId, actor }, values) => ({
    changed: await updateRetentionSettings(accountId, actor, values),
  }));
}
