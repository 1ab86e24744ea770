import { db } from "@/lib/db";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/db-errors";
import { emailDomain, userNameKey } from "@/lib/users/user-name";
import { decideFederatedSignIn, type SignInRefusal } from "./sign-in-policy";

export interface FederatedIdentity {
  accountId: string;
  email: string;
  name?: string | null;
}

export type FederatedSignInResult =
  | { ok: true; userId: string; sessionEpoch: number }
  | { ok: false; reason: SignInRefusal };

/** Applies the sign-in policy to an identity the account's IdP vouched for: JIT-create, update or refuse. */
export async function completeFederatedSignIn(identity: FederatedIdentity): Promise<FederatedSignInResult> {
  try {
    return await attempt(identity);
  } catch (e) {
    // Two first sign-ins of the same person at once: the other one created the user; sign in as it.
    if (isUniqueViolation(e)) return attempt(identity);
    throw e;
  }
}

function attempt({ accountId, email, name }: FederatedIdentity): Promise<FederatedSignInResult> {
  const key = userNameKey(email);
  const domain = emailDomain(email);
  return db.$transaction(async (tx) => {
    // Sequential: a transaction is one connection, which runs one query at a time.
    const provisioning = await tx.provisioning.findUnique({ where: { accountId }, select: { state: true } });
    const user = await tx.user.findUnique({ where: { accountId_userNameKey: { accountId, userNameKey: key } } });
    const domainRow = domain ? await tx.federationDomain.findFirst({ where: { accountId, domain }, select: { domain: true } }) : null;
    const decision = decideFederatedSignIn({
      provisioningState: provisioning?.state ?? "OFF",
      existingUser: user,
      emailDomainAllowed: domainRow !== null,
    });
    const now = new Date();
    switch (decision.kind) {
      case "refuse":
        await recordAuditEvent(tx, accountId, {
          action: "signin.refused",
          actor: SYSTEM_ACTOR,
          target: { type: "user", id: user?.id ?? key, label: email },
          after: { reason: decision.reason },
        });
        return { ok: false, reason: decision.reason };
      case "create": {
        const created = await tx.user.create({
          data: { accountId, userName: email.trim(), userNameKey: key, name: name ?? null, source: decision.source, lastSignInAt: now },
        });
        await recordAuditEvent(tx, accountId, {
          action: "user.created",
          actor: SYSTEM_ACTOR,
          target: { type: "user", id: created.id, label: created.userName },
          after: { userName: created.userName, name: created.name, source: created.source, via: "sso-jit" },
        });
        return { ok: true, userId: created.id, sessionEpoch: created.sessionEpoch };
      }
      case "allow": {
        const existing = user!;
        const rename = decision.updateProfile && name && name !== existing.name;
        await tx.user.update({ where: { id: existing.id }, data: { lastSignInAt: now, ...(rename ? { name } : {}) } });
        if (rename) {
          await recordAuditEvent(tx, accountId, {
            action: "user.updated",
            actor: SYSTEM_ACTOR,
            target: { type: "user", id: existing.id, label: existing.userName },
            before: { name: existing.name },
            after: { name, via: "sso-jit" },
          });
        }
        return { ok: true, userId: existing.id, sessionEpoch: existing.sessionEpoch };
      }
    }
  });
}
