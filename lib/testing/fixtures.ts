// Small builders for integration tests (real PostgreSQL; each test file has its own database).
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/crypto/secret-box";
import { connectionSecretContext } from "@/lib/federation/connection-secret";
import type { ProvisioningScope, ProvisioningState, UserSource } from "@/lib/generated/prisma/enums";
import { userNameKey } from "@/lib/users/user-name";

export function uniqueSlug(prefix = "acct"): string {
  return `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
}

export async function createAccount(options: { domain?: string; provisioningState?: ProvisioningState; provisioningScope?: ProvisioningScope; issuer?: string } = {}) {
  const slug = uniqueSlug();
  const account = await db.account.create({ data: { slug, name: `Account ${slug}` } });
  await db.provisioning.create({ data: { accountId: account.id, state: options.provisioningState ?? "OFF", scope: options.provisioningScope ?? null } });
  const domain = options.domain ?? `${slug}.test`;
  const connection = await db.federationConnection.create({
    data: {
      accountId: account.id,
      issuer: options.issuer ?? "https://idp.example.com",
      clientId: "client",
      clientSecretEncrypted: sealSecret("secret", connectionSecretContext(account.id)),
      verifiedAt: new Date(),
    },
  });
  await db.federationDomain.create({ data: { domain, accountId: account.id, connectionId: connection.id } });
  return { ...account, domain, connection };
}

export async function createUser(accountId: string, options: { email: string; source?: UserSource; active?: boolean; passwordHash?: string; name?: string }) {
  return db.user.create({
    data: {
      accountId,
      userName: options.email,
      userNameKey: userNameKey(options.email),
      name: options.name ?? null,
      source: options.source ?? "SSO",
      active: options.active ?? true,
      passwordHash: options.passwordHash ?? null,
    },
  });
}
