import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { recordAuditEvents, type AuditActor, type AuditEventInput } from "@/lib/audit/record-audit-event";

// Provisioning computes each portal user from the directory: a person has an active portal account exactly when
// the IdP has them active AND they are in the provisioning scope (everyone, or members of the chosen groups,
// directly or through nested groups). Planning is one SELECT; applying is a few set-based statements. Because the
// outcome depends only on the directory's current state, re-applying a plan (a resume, a rerun) changes nothing.

export type ProvisioningScopeRule = { mode: "NOT_RESTRICTED" } | { mode: "GROUPS"; groupIds: string[] };

/** Which users to plan for: some directory users and/or some portal users, or the whole account. */
export type ReconcileTarget = { all: true } | { directoryUserIds: string[]; portalUserIds?: string[] };

export interface PlannedUser {
  /** Null for a portal user whose directory user the IdP deleted. */
  directoryUserId: string | null;
  /** The portal user now linked, or the one this plan takes over (same userName), or null (to be created). */
  portalUserId: string | null;
  takeover: boolean;
  userName: string;
  userNameKey: string;
  name: string | null;
  desiredActive: boolean;
  /** The portal user's state now (null when there is none). */
  current: { active: boolean; name: string | null; userName: string; source: string } | null;
}

interface PlanRow {
  directory_user_id: string | null;
  portal_user_id: string | null;
  takeover: boolean;
  user_name: string;
  user_name_key: string;
  name: string | null;
  desired_active: boolean;
  current_active: boolean | null;
  current_name: string | null;
  current_user_name: string | null;
  current_source: string | null;
}

// The portal name of a directory user: displayName, else name.formatted, else "givenName familyName".
const NAME_SQL = Prisma.sql`COALESCE(
  NULLIF(btrim(du.attributes->>'displayName'), ''),
  NULLIF(btrim(du.attributes#>>'{name,formatted}'), ''),
  NULLIF(btrim(concat_ws(' ', NULLIF(btrim(du.attributes#>>'{name,givenName}'), ''), NULLIF(btrim(du.attributes#>>'{name,familyName}'), ''))), '')
)`;

/** Directory users in scope: members, directly or through nested groups, of the scope's groups (cycles are harmless: UNION). */
function scopedUsersSql(accountId: string, scope: ProvisioningScopeRule): Prisma.Sql {
  if (scope.mode === "NOT_RESTRICTED") return Prisma.sql`SELECT NULL::uuid AS id WHERE false`;
  return Prisma.sql`
    WITH RECURSIVE scoped_groups(id) AS (
      SELECT g FROM unnest(${scope.groupIds}::uuid[]) AS g
      UNION
      SELECT m."memberGroupId" FROM "DirectoryMembership" m JOIN scoped_groups s ON m."groupId" = s.id
      WHERE m."accountId" = ${accountId}::uuid AND m."memberGroupId" IS NOT NULL
    )
    SELECT DISTINCT m."memberUserId" AS id FROM "DirectoryMembership" m JOIN scoped_groups s ON m."groupId" = s.id
    WHERE m."accountId" = ${accountId}::uuid AND m."memberUserId" IS NOT NULL`;
}

/** What provisioning would do for the target users under `scope` (nothing is changed). */
export async function planReconcile(tx: Tx, accountId: string, target: ReconcileTarget, scope: ProvisioningScopeRule): Promise<PlannedUser[]> {
  const all = "all" in target;
  const directoryIds = all ? [] : target.directoryUserIds;
  const portalIds = all ? [] : (target.portalUserIds ?? []);
  const inScope = scope.mode === "NOT_RESTRICTED" ? Prisma.sql`true` : Prisma.sql`du.id IN (SELECT id FROM scoped_users)`;

  const rows = await tx.$queryRaw<PlanRow[]>(Prisma.sql`
    WITH scoped_users AS (${scopedUsersSql(accountId, scope)})
    SELECT du.id::text AS directory_user_id,
           COALESCE(linked.id, candidate.id)::text AS portal_user_id,
           (linked.id IS NULL AND candidate.id IS NOT NULL) AS takeover,
           du."userName" AS user_name, du."userNameKey" AS user_name_key,
           ${NAME_SQL} AS name,
           (du.active AND ${inScope}) AS desired_active,
           COALESCE(linked.active, candidate.active) AS current_active,
           COALESCE(linked.name, candidate.name) AS current_name,
           COALESCE(linked."userName", candidate."userName") AS current_user_name,
           COALESCE(linked.source, candidate.source)::text AS current_source
    FROM "DirectoryUser" du
    LEFT JOIN "User" linked ON linked.id = du."portalUserId"
    -- A portal user with the same userName, not linked to another directory user, is taken over.
    LEFT JOIN "User" candidate ON du."portalUserId" IS NULL AND candidate."accountId" = du."accountId"
      AND candidate."userNameKey" = du."userNameKey"
      AND NOT EXISTS (SELECT 1 FROM "DirectoryUser" o WHERE o."portalUserId" = candidate.id)
    WHERE du."accountId" = ${accountId}::uuid AND (${all} OR du.id = ANY(${directoryIds}::uuid[]))
    UNION ALL
    -- Portal users the IdP provisioned whose directory user is gone: they lose access.
    SELECT NULL, u.id::text, false, u."userName", u."userNameKey", u.name, false, u.active, u.name, u."userName", u.source::text
    FROM "User" u
    WHERE u."accountId" = ${accountId}::uuid AND u.source = 'SCIM'
      AND (${all} OR u.id = ANY(${portalIds}::uuid[]))
      AND NOT EXISTS (SELECT 1 FROM "DirectoryUser" du WHERE du."portalUserId" = u.id)`);

  return rows.map((r) => ({
    directoryUserId: r.directory_user_id,
    portalUserId: r.portal_user_id,
    takeover: r.takeover,
    userName: r.user_name,
    userNameKey: r.user_name_key,
    name: r.name,
    desiredActive: r.desired_active,
    current:
      r.current_active === null
        ? null
        : { active: r.current_active, name: r.current_name, userName: r.current_user_name ?? r.user_name, source: r.current_source ?? "SCIM" },
  }));
}

/** A planned user loses access (an active portal account becomes inactive). */
export function losesAccess(user: PlannedUser): boolean {
  return user.current?.active === true && !user.desiredActive;
}

/** A planned user gains access (no account yet, or an inactive one, becomes active). */
export function gainsAccess(user: PlannedUser): boolean {
  return user.desiredActive && user.current?.active !== true;
}

function needsUpdate(user: PlannedUser): boolean {
  const c = user.current;
  if (!c || !user.portalUserId) return false;
  if (!user.directoryUserId) return c.active; // orphan: only deactivation
  return c.active !== user.desiredActive || c.name !== user.name || c.userName !== user.userName || c.source !== "SCIM";
}

export interface ReconcileSummary {
  created: number;
  takenOver: number;
  updated: number;
  deactivated: number;
  reactivated: number;
}

/**
 * Applies a plan: links taken-over users, creates, updates, deactivates (ending sessions), audits each change.
 * Events carry `defaultRequestId`, or the request of their directory user in `requestIds` when one plan serves several.
 */
export async function applyPlan(
  tx: Tx,
  accountId: string,
  plan: PlannedUser[],
  actor: AuditActor,
  defaultRequestId?: string,
  requestIds?: ReadonlyMap<string, string>,
): Promise<ReconcileSummary> {
  const requestOf = (u: PlannedUser) => (u.directoryUserId !== null ? requestIds?.get(u.directoryUserId) : undefined) ?? defaultRequestId;
  const summary: ReconcileSummary = { created: 0, takenOver: 0, updated: 0, deactivated: 0, reactivated: 0 };
  const events: AuditEventInput[] = [];
  const snapshot = (u: { userName: string; name: string | null; active: boolean; source: string }) => ({ userName: u.userName, name: u.name, active: u.active, source: u.source });

  // 1. Take over portal users with the same userName (no duplicate accounts).
  const takeovers = plan.filter((u) => u.takeover && u.directoryUserId && u.portalUserId);
  if (takeovers.length) {
    await tx.$executeRaw`
      UPDATE "DirectoryUser" du SET "portalUserId" = v.portal_id
      FROM unnest(${takeovers.map((u) => u.directoryUserId!)}::uuid[], ${takeovers.map((u) => u.portalUserId!)}::uuid[]) AS v(directory_id, portal_id)
      WHERE du.id = v.directory_id AND du."accountId" = ${accountId}::uuid`;
    summary.takenOver = takeovers.length;
    for (const u of takeovers) {
      events.push({ action: "user.taken_over", actor, target: { type: "user", id: u.portalUserId!, label: u.userName }, before: snapshot(u.current!), after: { userName: u.userName, name: u.name, active: u.desiredActive, source: "SCIM" }, requestId: requestOf(u) });
    }
  }

  // 2. Create portal users for people who gain access and have none.
  const creations = plan.filter((u) => u.directoryUserId && !u.portalUserId && u.desiredActive);
  if (creations.length) {
    const created = await tx.$queryRaw<{ id: string; user_name_key: string }[]>`
      INSERT INTO "User" ("accountId", "userName", "userNameKey", name, active, source, "updatedAt")
      SELECT ${accountId}::uuid, v.user_name, v.user_name_key, v.name, true, 'SCIM', now()
      FROM unnest(${creations.map((u) => u.userName)}::text[], ${creations.map((u) => u.userNameKey)}::text[], ${creations.map((u) => u.name)}::text[]) AS v(user_name, user_name_key, name)
      RETURNING id::text, "userNameKey" AS user_name_key`;
    const idByKey = new Map(created.map((c) => [c.user_name_key, c.id]));
    await tx.$executeRaw`
      UPDATE "DirectoryUser" du SET "portalUserId" = u.id
      FROM "User" u
      WHERE du."accountId" = ${accountId}::uuid AND du.id = ANY(${creations.map((c) => c.directoryUserId!)}::uuid[])
        AND u."accountId" = du."accountId" AND u."userNameKey" = du."userNameKey" AND u.id = ANY(${created.map((c) => c.id)}::uuid[])`;
    summary.created = created.length;
    for (const u of creations) {
      const id = idByKey.get(u.userNameKey);
      if (id) events.push({ action: "user.created", actor, target: { type: "user", id, label: u.userName }, after: { userName: u.userName, name: u.name, active: true, source: "SCIM" }, requestId: requestOf(u) });
    }
  }

  // 3. Update, deactivate (bumping sessionEpoch ends open sessions) and reactivate.
  const updates = plan.filter(needsUpdate);
  if (updates.length) {
    await tx.$executeRaw`
      UPDATE "User" u SET
        active = v.active,
        name = CASE WHEN v.orphan THEN u.name ELSE v.name END,
        "userName" = CASE WHEN v.orphan THEN u."userName" ELSE v.user_name END,
        "userNameKey" = CASE WHEN v.orphan THEN u."userNameKey" ELSE v.user_name_key END,
        source = 'SCIM',
        "sessionEpoch" = u."sessionEpoch" + CASE WHEN u.active AND NOT v.active THEN 1 ELSE 0 END,
        "updatedAt" = now()
      FROM unnest(
        ${updates.map((u) => u.portalUserId!)}::uuid[], ${updates.map((u) => u.desiredActive)}::boolean[],
        ${updates.map((u) => u.name)}::text[], ${updates.map((u) => u.userName)}::text[], ${updates.map((u) => u.userNameKey)}::text[],
        ${updates.map((u) => u.directoryUserId === null)}::boolean[]
      ) AS v(id, active, name, user_name, user_name_key, orphan)
      WHERE u.id = v.id AND u."accountId" = ${accountId}::uuid`;
    for (const u of updates) {
      const before = u.current!;
      const after = u.directoryUserId
        ? { userName: u.userName, name: u.name, active: u.desiredActive, source: "SCIM" }
        : { ...snapshot(before), active: false, reason: "deleted by the identity provider" };
      const action = before.active && !u.desiredActive ? "user.deactivated" : !before.active && u.desiredActive ? "user.reactivated" : "user.updated";
      if (action === "user.deactivated") summary.deactivated++;
      else if (action === "user.reactivated") summary.reactivated++;
      else summary.updated++;
      if (!u.takeover) events.push({ action, actor, target: { type: "user", id: u.portalUserId!, label: u.userName }, before: snapshot(before), after, requestId: requestOf(u) });
    }
  }

  await recordAuditEvents(tx, accountId, events);
  return summary;
}
