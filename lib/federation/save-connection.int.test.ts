import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/crypto/secret-box";
import { createAccount } from "@/lib/testing/fixtures";
import { connectionSecretContext } from "./connection-secret";
import type { checkIssuer } from "./discovery";
import { saveFederationConnection } from "./save-connection";

const actor = { type: "USER" as const, id: "00000000-0000-0000-0000-000000000001", label: "admin@example.test" };
const answers: typeof checkIssuer = (issuer) => Promise.resolve({ ok: true, issuer });
const unreachable: typeof checkIssuer = () => Promise.resolve({ ok: false, message: "The issuer could not be reached." });

async function snapshot(accountId: string) {
  const connection = await db.federationConnection.findUnique({ where: { accountId }, include: { domains: true } });
  return { connection, audit: await db.auditEvent.count({ where: { accountId } }) };
}

describe("saveFederationConnection", () => {
  it("saves nothing when the issuer fails discovery", async () => {
    const account = await createAccount();
    const before = await snapshot(account.id);
    const result = await saveFederationConnection(account.id, actor, { issuer: "https://broken.example.com", clientId: "other", clientSecret: "new", emailDomains: ["new.test"] }, unreachable);
    expect(result).toEqual({ ok: false, fieldErrors: { issuer: "The issuer could not be reached." } });
    expect(await snapshot(account.id)).toEqual(before);
  });

  it("updates the connection, keeps the secret when none is given, replaces domains and audits before/after", async () => {
    const account = await createAccount();
    const sealedBefore = account.connection.clientSecretEncrypted;
    const result = await saveFederationConnection(account.id, actor, { issuer: "https://idp2.example.com", clientId: "client-2", clientSecret: undefined, emailDomains: ["one.test", "two.test"] }, answers);
    expect(result).toEqual({ ok: true });
    const { connection } = await snapshot(account.id);
    expect(connection).toMatchObject({ issuer: "https://idp2.example.com", clientId: "client-2", clientSecretEncrypted: sealedBefore });
    expect(connection!.domains.map((d) => d.domain).sort()).toEqual(["one.test", "two.test"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.id, action: "federation.updated" } });
    expect(event.before).toEqual({ issuer: "https://idp.example.com", clientId: "client", emailDomains: [account.domain] });
    expect(event.after).toEqual({ issuer: "https://idp2.example.com", clientId: "client-2", emailDomains: ["one.test", "two.test"], clientSecret: "unchanged" });
  });

  it("stores a new secret encrypted, bound to the account", async () => {
    const account = await createAccount();
    await saveFederationConnection(account.id, actor, { issuer: "https://idp.example.com", clientId: "c", clientSecret: "brand-new-secret", emailDomains: [account.domain] }, answers);
    const { connection } = await snapshot(account.id);
    expect(connection!.clientSecretEncrypted).not.toContain("brand-new-secret");
    expect(openSecret(connection!.clientSecretEncrypted, connectionSecretContext(account.id))).toBe("brand-new-secret");
  });

  it("refuses a domain that belongs to another account, and changes nothing", async () => {
    const a = await createAccount();
    const b = await createAccount();
    const before = await snapshot(a.id);
    const result = await saveFederationConnection(a.id, actor, { issuer: "https://idp.example.com", clientId: "c", clientSecret: undefined, emailDomains: [a.domain, b.domain] }, answers);
    expect(result).toEqual({ ok: false, fieldErrors: { emailDomains: `Already used by another account: ${b.domain}.` } });
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("requires a secret when creating a connection", async () => {
    const account = await db.account.create({ data: { slug: `bare-${Date.now()}`, name: "Bare" } });
    const result = await saveFederationConnection(account.id, actor, { issuer: "https://idp.example.com", clientId: "c", clientSecret: undefined, emailDomains: ["bare.test"] }, answers);
    expect(result).toEqual({ ok: false, fieldErrors: { clientSecret: "Enter the client secret." } });
    expect(await db.federationConnection.count({ where: { accountId: account.id } })).toBe(0);
  });
});
