import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { previewAccess, type AccessPreview } from "./access-preview";
import { currentScopeRule } from "./provision-directory-change";
import { applyPlan, planReconcile, type ReconcileSummary } from "./reconcile";
import { LONG_TRANSACTION } from "./setup";
import { transitionProvisioning } from "./transition";

/** Pause: the directory keeps following the IdP, but no portal user or access changes until resume. */
export async function pauseProvisioning(accountId: string, actor: AuditActor, expectedVersion: number): Promise<void> {
  await db.$transaction((tx) => transitionProvisioning(tx, accountId, "pause", { actor, expectedVersion }));
}

/** What resuming would change: every held change, applied to the directory's current state. */
export async function previewResume(accountId: string): Promise<AccessPreview> {
  return db.$transaction(async (tx) => {
    const provisioning = await tx.provisioning.findUniqueOrThrow({ where: { accountId } });
    const rule = await currentScopeRule(tx, accountId, provisioning.scope);
    if (!rule) return { gain: { count: 0, sample: [] }, lose: { count: 0, sample: [] } };
    return previewAccess(tx, accountId, rule);
  }, LONG_TRANSACTION);
}

/**
 * Resume: applies everything held. Portal state is recomputed from the directory as it is now, so each change the
 * IdP sent during the pause counts once, in its final form. The transition's row lock waits for SCIM writes in
 * flight and holds new ones until the held changes are applied and cleared, in one transaction.
 */
export async function resumeProvisioning(accountId: string, actor: AuditActor, expectedVersion: number): Promise<ReconcileSummary> {
  return db.$transaction(async (tx) => {
    const provisioning = await transitionProvisioning(tx, accountId, "resume", { actor, expectedVersion });
    const rule = await currentScopeRule(tx, accountId, provisioning.scope);
    const summary = rule
      ? await applyPlan(tx, accountId, await planReconcile(tx, accountId, { all: true }, rule), actor)
      : { created: 0, takenOver: 0, updated: 0, deactivated: 0, reactivated: 0 };
    await tx.heldChange.deleteMany({ where: { accountId } });
    return summary;
  }, LONG_TRANSACTION);
}
