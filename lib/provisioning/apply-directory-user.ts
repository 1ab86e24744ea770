import type { Tx } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { uniqueness } from "@/lib/scim/errors";
import { userNameKey } from "@/lib/users/user-name";
import type { PortalProfile } from "./portal-profile";

// The one function through which SCIM changes reach portal users. The directory keeps exactly what the IdP
// wrote; this decides what that means for the person's portal account: create, take over, update, deactivate.
// Deactivation never deletes: the person keeps their account (and history) and is refused at sign-in, and
// bumping sessionEpoch ends any open session on the next request.

export interface DirectoryUserChange {
  accountId: string;
  directoryUserId: string;
  /** The portal user linked to the directory user, if any. */
  portalUserId: string | null;
  /** The directory user's state after the change, or null when the IdP deleted it. */
  profile: PortalProfile | null;
  actor: AuditActor;
  requestId?: string;
}

/** Applies a directory user's new state to its portal user; returns the portal user's id (null when none). */
export async function applyDirectoryUser(tx: Tx, change: DirectoryUserChange): Promise<string | null> {
  const { accountId, profile, actor, requestId } = change;
  let portalUser = change.portalUserId ? await tx.user.findUnique({ where: { id: change.portalUserId } }) : null;

  if (!profile) {
    if (portalUser?.active) await deactivate(tx, portalUser, actor, requestId, "deleted by the identity provider");
    return portalUser?.id ?? null;
  }

  const key = userNameKey(profile.userName);
  if (!portalUser) {
    // A user the IdP creates whose userName matches an existing portal user takes that user over (no duplicate).
    portalUser = await tx.user.findUnique({ where: { accountId_userNameKey: { accountId, userNameKey: key } } });
    if (portalUser) {
      const before = snapshot(portalUser);
      portalUser = await tx.user.update({
        where: { id: portalUser.id },
        data: { source: "SCIM", userName: profile.userName, name: profile.name, active: profile.active, ...(profile.active ? {} : { sessionEpoch: { increment: 1 } }) },
      });
      await tx.directoryUser.update({ where: { id: change.directoryUserId }, data: { portalUserId: portalUser.id } });
      await recordAuditEvent(tx, accountId, { action: "user.taken_over", actor, target: target(portalUser), before, after: snapshot(portalUser), requestId });
      return portalUser.id;
    }
    const created = await tx.user.create({
      data: { accountId, userName: profile.userName, userNameKey: key, name: profile.name, active: profile.active, source: "SCIM" },
    });
    await tx.directoryUser.update({ where: { id: change.directoryUserId }, data: { portalUserId: created.id } });
    await recordAuditEvent(tx, accountId, { action: "user.created", actor, target: target(created), after: snapshot(created), requestId });
    return created.id;
  }

  const before = snapshot(portalUser);
  const changes = {
    ...(portalUser.userName !== profile.userName ? { userName: profile.userName, userNameKey: key } : {}),
    ...(portalUser.name !== profile.name ? { name: profile.name } : {}),
    ...(portalUser.active !== profile.active ? { active: profile.active } : {}),
    ...(portalUser.source !== "SCIM" ? { source: "SCIM" as const } : {}),
  };
  if (Object.keys(changes).length === 0) return portalUser.id;
  if (changes.userNameKey && changes.userNameKey !== portalUser.userNameKey) {
    const clash = await tx.user.findUnique({ where: { accountId_userNameKey: { accountId, userNameKey: key } }, select: { id: true } });
    if (clash) throw uniqueness(`Another portal user already has the userName "${profile.userName}".`);
  }
  const updated = await tx.user.update({
    where: { id: portalUser.id },
    data: { ...changes, ...(changes.active === false ? { sessionEpoch: { increment: 1 } } : {}) },
  });
  const action = changes.active === false ? "user.deactivated" : changes.active === true ? "user.reactivated" : "user.updated";
  await recordAuditEvent(tx, accountId, { action, actor, target: target(updated), before, after: snapshot(updated), requestId });
  return updated.id;
}

async function deactivate(tx: Tx, user: { id: string; accountId: string; userName: string; name: string | null; active: boolean; source: string }, actor: AuditActor, requestId: string | undefined, reason: string) {
  const updated = await tx.user.update({ where: { id: user.id }, data: { active: false, sessionEpoch: { increment: 1 } } });
  await recordAuditEvent(tx, user.accountId, { action: "user.deactivated", actor, target: target(updated), before: snapshot(user), after: { ...snapshot(updated), reason }, requestId });
}

function snapshot(user: { userName: string; name: string | null; active: boolean; source: string }) {
  return { userName: user.userName, name: user.name, active: user.active, source: user.source };
}

function target(user: { id: string; userName: string }) {
  return { type: "user", id: user.id, label: user.userName };
}
