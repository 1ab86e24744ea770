import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isAccountAdministrator } from "@/lib/access/account-administrator";
import { signInWithPassword } from "@/lib/auth/password-sign-in";
import { bootstrapAdministrator } from "./bootstrap-administrator";

describe("bootstrapAdministrator", () => {
  it("creates the account and an administrator who can sign in with the password", async () => {
    const result = await bootstrapAdministrator({ accountSlug: "fresh-install", accountName: "Fresh Install", email: "First@Fresh.test", password: "a long enough password" });
    expect(result).toEqual({ accountCreated: true, userCreated: true });
    const account = await db.account.findUniqueOrThrow({ where: { slug: "fresh-install" }, include: { provisioning: true } });
    expect(account.provisioning?.state).toBe("OFF");
    const signIn = await signInWithPassword({ email: "first@fresh.test", password: "a long enough password", clientAddress: "t" });
    expect(signIn.ok).toBe(true);
    expect(signIn.ok && (await isAccountAdministrator(account.id, signIn.user.id))).toBe(true);
    expect((await db.auditEvent.findMany({ where: { accountId: account.id }, orderBy: { id: "asc" } })).map((e) => e.action)).toEqual(["account.created", "user.created"]);
  });

  it("resets the password of an existing user and ends their sessions", async () => {
    await bootstrapAdministrator({ accountSlug: "reset-me", email: "admin@reset.test", password: "first password!!" });
    const before = await db.user.findFirstOrThrow({ where: { userNameKey: "admin@reset.test" } });
    const result = await bootstrapAdministrator({ accountSlug: "reset-me", email: "admin@reset.test", password: "second password!!" });
    expect(result).toEqual({ accountCreated: false, userCreated: false });
    const after = await db.user.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.sessionEpoch).toBe(before.sessionEpoch + 1);
    expect((await signInWithPassword({ email: "admin@reset.test", password: "first password!!", clientAddress: "t2" })).ok).toBe(false);
    expect(await db.roleAssignment.count({ where: { userId: before.id } })).toBe(1);
  });

  it("refuses short passwords and bad slugs without writing anything", async () => {
    await expect(bootstrapAdministrator({ accountSlug: "ok-slug", email: "a@b.test", password: "short" })).rejects.toThrow(/at least 12/);
    await expect(bootstrapAdministrator({ accountSlug: "Bad Slug", email: "a@b.test", password: "long enough pass" })).rejects.toThrow(/slug/);
    expect(await db.account.count({ where: { slug: { in: ["ok-slug", "Bad Slug"] } } })).toBe(0);
  });
});
