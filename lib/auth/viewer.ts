import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { isAccountAdministrator } from "@/lib/access/account-administrator";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { authOptions } from "./options";
import type { SignInMethod } from "./next-auth";

/** The signed-in person, as checked against the database on every request. */
export interface Viewer {
  id: string;
  userName: string;
  name: string | null;
  method: SignInMethod;
  isAdministrator: boolean;
  account: { id: string; slug: string; name: string };
}

/**
 * The current viewer or null. The session cookie alone is not trusted: the user must still exist, be active and
 * belong to the session's account, and the session must not predate a sign-out-everywhere (sessionEpoch).
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  const { id, accountId, method } = session?.user ?? {};
  if (!id || !accountId || !method) return null;
  const user = await db.user.findFirst({
    where: { id, accountId, active: true },
    select: { id: true, userName: true, name: true, sessionEpoch: true, account: { select: { id: true, slug: true, name: true } } },
  });
  if (!user) return null;
  if (session?.user.epoch !== user.sessionEpoch) return null;
  return {
    id: user.id,
    userName: user.userName,
    name: user.name,
    method,
    account: user.account,
    isAdministrator: await isAccountAdministrator(accountId, id),
  };
});

/** For pages: the viewer, or a redirect to sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}

/** For pages, actions and routes of the Administration area: the viewer if an administrator, else 403. */
export async function requireAdministrator(): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!viewer.isAdministrator) forbidden();
  return viewer;
}

export function actorOf(viewer: Viewer): AuditActor {
  return { type: "USER", id: viewer.id, label: viewer.userName };
}
