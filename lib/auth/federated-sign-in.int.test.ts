import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { completeFederatedSignIn } from "./federated-sign-in";

describe("completeFederatedSignIn", () => {
  it("creates an SSO user on first sign-in and audits it in the same transaction", async () => {
    const account = await createAccount();
    const result = await completeFederatedSignIn({ accountId: account.id, email: `New.Person@${account.domain.toUpperCase()}`, name: "New Person" });
    expect(result.ok).toBe(true);
    const user = await db.user.findFirstOrThrow({ where: { accountId: account.id } });
    expect(user).toMatchObject({ source: "SSO", active: true, name: "New Person", userNameKey: `new.person@${account.domain}` });
    expect(user.lastSignInAt).not.toBeNull();
    const events = await db.auditEvent.findMany({ where: { accountId: account.id } });
    expect(events.map((e) => e.action)).toEqual(["user.created"]);
    expect(events[0]!.targetId).toBe(user.id);
  });

  it("signs a returning user in whatever the letter case, without creating a duplicate", async () => {
    const account = await createAccount();
    const existing = await createUser(account.id, { email: `bob@${account.domain}`, name: "Bob" });
    const result = await completeFederatedSignIn({ accountId: account.id, email: `BOB@${account.domain}`, name: "Bob" });
    expect(result).toEqual({ ok: true, userId: existing.id, sessionEpoch: 0 });
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("updates an SSO user's name from the IdP while provisioning is off", async () => {
    const account = await createAccount();
    const existing = await createUser(account.id, { email: `carol@${account.domain}`, name: "Carol Old" });
    await completeFederatedSignIn({ accountId: account.id, email: existing.userName, name: "Carol New" });
    expect((await db.user.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe("Carol New");
  });

  it("gives one user to many simultaneous first sign-ins of the same person", async () => {
    const account = await createAccount();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => completeFederatedSignIn({ accountId: account.id, email: i % 2 ? `dana@${account.domain}` : `DANA@${account.domain}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.userId : "")))).toHaveProperty("size", 1);
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("refuses, and records the refusal, for a deactivated user", async () => {
    const account = await createAccount();
    await createUser(account.id, { email: `eve@${account.domain}`, active: false });
    expect(await completeFederatedSignIn({ accountId: account.id, email: `eve@${account.domain}` })).toEqual({ ok: false, reason: "deactivated" });
    const refusal = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.id, action: "signin.refused" } });
    expect(refusal.after).toEqual({ reason: "deactivated" });
  });

  it("creates nobody while SCIM provisioning is on", async () => {
    const account = await createAccount({ provisioningState: "ACTIVE" });
    expect(await completeFederatedSignIn({ accountId: account.id, email: `frank@${account.domain}` })).toEqual({ ok: false, reason: "not-provisioned" });
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("does not create users outside the connection's email domains", async () => {
    const account = await createAccount();
    expect(await completeFederatedSignIn({ accountId: account.id, email: "mallory@elsewhere.test" })).toEqual({ ok: false, reason: "domain-not-allowed" });
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("keeps accounts apart: the same email in another account is another user", async () => {
    const a = await createAccount();
    const b = await createAccount();
    await createUser(b.id, { email: `shared@${a.domain}` });
    const result = await completeFederatedSignIn({ accountId: a.id, email: `shared@${a.domain}` });
    expect(result.ok).toBe(true);
    const user = await db.user.findFirstOrThrow({ where: { id: result.ok ? result.userId : "" } });
    expect(user.accountId).toBe(a.id);
  });
});
