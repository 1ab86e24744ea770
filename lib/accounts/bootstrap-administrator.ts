import { db } from "@/lib/db";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { userNameKey } from "@/lib/users/user-name";

export interface BootstrapInput {
  accountSlug: string;
  /** Used only when the account does not exist yet. */
  accountName?: string;
  email: string;
  password: string;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Creates the account if needed and gives `email` a local password and the Administrator role on it: the first
 * administrator of a fresh install signs in this way, then connects the account's identity provider.
 */
export async function bootstrapAdministrator(input: BootstrapInput): Promise<{ accountCreated: boolean; userCreated: boolean }> {
  if (!SLUG_PATTERN.test(input.accountSlug)) throw new Error("The account slug may contain only lower-case letters, digits and dashes.");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email)) throw new Error("Enter a valid email address.");
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  const passwordHash = await hashPassword(input.password);

  return db.$transaction(async (tx) => {
    let account = await tx.account.findUnique({ where: { slug: input.accountSlug } });
    const accountCreated = !account;
    if (!account) {
      account = await tx.account.create({ data: { slug: input.accountSlug, name: input.accountName?.trim() || input.accountSlug } });
      await tx.provisioning.create({ data: { accountId: account.id } });
      await recordAuditEvent(tx, account.id, { action: "account.created", actor: SYSTEM_ACTOR, target: { type: "account", id: account.id, label: account.name }, after: { name: account.name, slug: account.slug } });
    }
    const key = userNameKey(input.email);
    const existing = await tx.user.findUnique({ where: { accountId_userNameKey: { accountId: account.id, userNameKey: key } } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { passwordHash, active: true, sessionEpoch: { increment: 1 } } })
      : await tx.user.create({ data: { accountId: account.id, userName: input.email.trim(), userNameKey: key, source: "LOCAL", passwordHash } });
    await tx.roleAssignment.upsert({
      where: { accountId_principalKey_role_scopeKey: { accountId: account.id, principalKey: `user:${user.id}`, role: "ADMINISTRATOR", scopeKey: "account" } },
      create: { accountId: account.id, role: "ADMINISTRATOR", userId: user.id, scope: "ACCOUNT", grantedBy: "BOOTSTRAP", principalKey: `user:${user.id}`, scopeKey: "account" },
      update: {},
    });
    await recordAuditEvent(tx, account.id, {
      action: existing ? "user.password_set" : "user.created",
      actor: SYSTEM_ACTOR,
      target: { type: "user", id: user.id, label: user.userName },
      after: { userName: user.userName, source: user.source, role: "ADMINISTRATOR", via: "bootstrap" },
    });
    return { accountCreated, userCreated: !existing };
  });
}
