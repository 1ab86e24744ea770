import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import type { ProvisioningScope, ProvisioningState } from "@/lib/generated/prisma/enums";
import { previewAccess, type AccessPreview } from "./access-preview";
import { applyPlan, losesAccess, planReconcile, type ProvisioningScopeRule, type ReconcileSummary } from "./reconcile";
import { transitionProvisioning, TransitionRefused } from "./transition";

// The provisioning setup: who gets provisioned. Saving it the first time activates provisioning; changing it
// re-provisions everyone under the new rule (or, while paused, when provisioning resumes).

export const LONG_TRANSACTION = { timeout: 120_000, maxWait: 10_000 } as const;

export class SetupError extends Error {}

async function lockForSetup(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], accountId: string, expectedVersion: number) {
  const rows = await tx.$queryRaw<{ state: ProvisioningState; scope: ProvisioningScope | null; version: number }[]>`
    SELECT state, scope, version FROM "Provisioning" WHERE "accountId" = ${accountId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row || row.version !== expectedVersion) throw new SetupError("Provisioning changed since this page was loaded. Reload the page and try again.");
  if (!["ENABLED", "ACTIVE", "PAUSED"].includes(row.state)) throw new SetupError("Turn SCIM provisioning on before choosing who gets provisioned.");
  return row;
}

async function checkGroups(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], accountId: string, rule: ProvisioningScopeRule) {
  if (rule.mode !== "GROUPS") return;
  if (rule.groupIds.length === 0) throw new SetupError("Choose at least one group.");
  const found = await tx.directoryGroup.count({ where: { accountId, id: { in: rule.groupIds } } });
  if (found !== new Set(rule.groupIds).size) throw new SetupError("One of the chosen groups no longer exists in your directory. Reload and choose again.");
}

export async function previewSetup(accountId: string, rule: ProvisioningScopeRule): Promise<AccessPreview> {
  return db.$transaction(async (tx) => {
    await checkGroups(tx, accountId, rule);
    return previewAccess(tx, accountId, rule);
  }, LONG_TRANSACTION);
}

/** Saves the setup; returns what provisioning changed now (null while paused: applied on resume). */
export async function saveProvisioningSetup(
  accountId: string,
  actor: AuditActor,
  rule: ProvisioningScopeRule,
  expectedVersion: number,
): Promise<ReconcileSummary | null> {
  return db.$transaction(async (tx) => {
    const row = await lockForSetup(tx, accountId, expectedVersion);
    await checkGroups(tx, accountId, rule);
    const before = { scope: row.scope, groupIds: (await tx.provisioningGroup.findMany({ where: { accountId }, select: { groupId: true } })).map((g) => g.groupId) };
    let state = row.state;
    if (state === "ENABLED") state = (await transitionProvisioning(tx, accountId, "complete_setup", { actor, expectedVersion })).state;
    else await tx.provisioning.update({ where: { accountId }, data: { version: { increment: 1 } } });

    await tx.provisioning.update({ where: { accountId }, data: { scope: rule.mode } });
    await tx.provisioningGroup.deleteMany({ where: { accountId } });
    if (rule.mode === "GROUPS") await tx.provisioningGroup.createMany({ data: [...new Set(rule.groupIds)].map((groupId) => ({ accountId, groupId })) });
    await recordAuditEvent(tx, accountId, {
      action: "provisioning.setup_saved",
      actor,
      target: { type: "provisioning", id: accountId },
      before,
      after: { scope: rule.mode, groupIds: rule.mode === "GROUPS" ? rule.groupIds : [] },
    });

    if (state !== "ACTIVE") {
      await tx.heldChange.create({ data: { accountId, kind: "setup.changed" } });
      return null;
    }
    const plan = await planReconcile(tx, accountId, { all: true }, rule);
    if (actor.type === "USER" && plan.some((u) => losesAccess(u) && u.portalUserId === actor.id)) {
      throw new SetupError("This setup would remove your own access to the portal. Make sure you are a member of one of the chosen groups in your identity provider, then save again.");
    }
    const summary = await applyPlan(tx, accountId, plan, actor);
    // Everything held until now is applied: provisioning recomputed the whole directory.
    await tx.heldChange.deleteMany({ where: { accountId } });
    return summary;
  }, LONG_TRANSACTION);
}

/** Removes the setup: provisioning waits for a new one; nobody's access changes and IdP changes are held meanwhile. */
export async function deleteProvisioningSetup(accountId: string, actor: AuditActor, expectedVersion: number): Promise<void> {
  await db.$transaction(async (tx) => {
    await transitionProvisioning(tx, accountId, "remove_setup", { actor, expectedVersion });
    await tx.provisioningGroup.deleteMany({ where: { accountId } });
  });
}

export { TransitionRefused };
