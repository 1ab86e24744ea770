import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { ProvisioningScope, ProvisioningState } from "@/lib/generated/prisma/enums";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { applyPlan, losesAccess, planReconcile, type ProvisioningScopeRule, type ReconcileSummary } from "./reconcile";

// The one function through which SCIM changes reach portal users. The directory always keeps exactly what the
// IdP wrote; this decides, inside the same transaction, whether the change is applied to portal users now
// (provisioning active), held for later (paused, or not set up yet), or held by the safety valve.

export interface DirectoryChange {
  /** What happened, for held changes: "user.created", "user.updated", "user.deleted", "group.members_changed", ... */
  kind: string;
  directoryUserIds?: string[];
  /** Portal users whose directory user the IdP deleted. */
  portalUserIds?: string[];
  /** Groups whose user members (directly or through nesting) may have entered or left the scope. */
  groupIds?: string[];
  /** The request behind each directory user's change, when one transaction serves several (batched creates). */
  requestIds?: ReadonlyMap<string, string>;
}

export type ProvisioningOutcome =
  | { kind: "applied"; summary: ReconcileSummary }
  | { kind: "held" }
  | { kind: "safety-valve"; reason: string };

interface ProvisioningRow {
  state: ProvisioningState;
  scope: ProvisioningScope | null;
  safetyValvePercent: number;
  safetyValveWindowMinutes: number;
  safetyValveMinimum: number;
}

/** The account's provisioning row, share-locked so that no transition (pause, resume, reset) interleaves. */
export async function lockProvisioningForWrite(tx: Tx, accountId: string): Promise<ProvisioningRow | null> {
  const rows = await tx.$queryRaw<ProvisioningRow[]>`
    SELECT state, scope, "safetyValvePercent", "safetyValveWindowMinutes", "safetyValveMinimum"
    FROM "Provisioning" WHERE "accountId" = ${accountId}::uuid FOR SHARE`;
  return rows[0] ?? null;
}

/** The account's current scope rule, or null when provisioning is not set up. */
export async function currentScopeRule(tx: Tx, accountId: string, scope: ProvisioningScope | null): Promise<ProvisioningScopeRule | null> {
  if (scope === null) return null;
  if (scope === "NOT_RESTRICTED") return { mode: "NOT_RESTRICTED" };
  const groups = await tx.provisioningGroup.findMany({ where: { accountId }, select: { groupId: true } });
  return { mode: "GROUPS", groupIds: groups.map((g) => g.groupId) };
}

/** Directory users under the given groups, directly or through nested groups. */
async function usersUnderGroups(tx: Tx, accountId: string, groupIds: string[]): Promise<string[]> {
  if (!groupIds.length) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH RECURSIVE under(id) AS (
      SELECT g FROM unnest(${groupIds}::uuid[]) AS g
      UNION
      SELECT m."memberGroupId" FROM "DirectoryMembership" m JOIN under ON m."groupId" = under.id
      WHERE m."accountId" = ${accountId}::uuid AND m."memberGroupId" IS NOT NULL
    )
    SELECT DISTINCT m."memberUserId"::text AS id FROM "DirectoryMembership" m JOIN under ON m."groupId" = under.id
    WHERE m."accountId" = ${accountId}::uuid AND m."memberUserId" IS NOT NULL`);
  return rows.map((r) => r.id);
}

async function hold(tx: Tx, accountId: string, change: DirectoryChange, kind = change.kind) {
  const rows = [
    ...(change.directoryUserIds ?? []).map((directoryUserId) => ({ accountId, directoryUserId, kind })),
    ...(change.portalUserIds ?? []).map((portalUserId) => ({ accountId, portalUserId, kind })),
    ...(change.groupIds ?? []).map((groupId) => ({ accountId, groupId, kind })),
  ];
  if (rows.length) await tx.heldChange.createMany({ data: rows });
}

/**
 * Whether removing access from `losing` more users now would exceed the safety valve: more than the set share of
 * the account's active SCIM users (and at least the minimum) deactivated by the IdP within the window.
 * Serialised per account with an advisory lock so concurrent requests count each other.
 */
async function safetyValveTrips(tx: Tx, accountId: string, settings: ProvisioningRow, losing: number): Promise<string | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`provisioning-valve:${accountId}`}, 0))`;
  const counts = await tx.$queryRaw<{ recent: number; active: number }[]>`
    SELECT
      (SELECT count(*)::int FROM "AuditEvent" WHERE "accountId" = ${accountId}::uuid AND action = 'user.deactivated'
         AND "actorType" = 'SCIM_TOKEN' AND "occurredAt" > now() - make_interval(mins => ${settings.safetyValveWindowMinutes})) AS recent,
      (SELECT count(*)::int FROM "User" WHERE "accountId" = ${accountId}::uuid AND active AND source = 'SCIM') AS active`;
  const { recent, active } = counts[0]!;
  const limit = Math.max(settings.safetyValveMinimum, Math.ceil(((active + recent) * settings.safetyValvePercent) / 100));
  if (recent + losing <= limit) return null;
  return `The identity provider removed access from ${recent + losing} users within ${settings.safetyValveWindowMinutes} minutes (the safety valve allows ${limit}: ${settings.safetyValvePercent}% of active users, at least ${settings.safetyValveMinimum}). Provisioning paused itself before applying the rest.`;
}

export async function provisionDirectoryChange(
  tx: Tx,
  ctx: { accountId: string; actor: AuditActor; requestId?: string },
  change: DirectoryChange,
): Promise<ProvisioningOutcome> {
  const provisioning = await lockProvisioningForWrite(tx, ctx.accountId);
  const rule = provisioning?.state === "ACTIVE" ? await currentScopeRule(tx, ctx.accountId, provisioning.scope) : null;
  if (!provisioning || !rule) {
    await hold(tx, ctx.accountId, change);
    return { kind: "held" };
  }

  const directoryUserIds = [...(change.directoryUserIds ?? [])];
  // Group membership matters only when access is restricted to groups.
  if (rule.mode === "GROUPS" && change.groupIds?.length) directoryUserIds.push(...(await usersUnderGroups(tx, ctx.accountId, change.groupIds)));
  if (!directoryUserIds.length && !change.portalUserIds?.length) return { kind: "applied", summary: { created: 0, takenOver: 0, updated: 0, deactivated: 0, reactivated: 0 } };

  const plan = await planReconcile(tx, ctx.accountId, { directoryUserIds: [...new Set(directoryUserIds)], portalUserIds: change.portalUserIds }, rule);
  const losing = plan.filter(losesAccess).length;
  if (losing > 0 && ctx.actor.type === "SCIM_TOKEN") {
    const reason = await safetyValveTrips(tx, ctx.accountId, provisioning, losing);
    if (reason) {
      await hold(tx, ctx.accountId, change);
      return { kind: "safety-valve", reason };
    }
  }
  return { kind: "applied", summary: await applyPlan(tx, ctx.accountId, plan, ctx.actor, ctx.requestId, change.requestIds) };
}
