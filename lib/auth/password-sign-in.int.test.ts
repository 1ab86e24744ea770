import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { hashPassword } from "./password";
import { PASSWORD_ATTEMPTS, signInWithPassword } from "./password-sign-in";

describe("signInWithPassword", () => {
  it("accepts the right password, case-insensitively on the email", async () => {
    const account = await createAccount();
    const user = await createUser(account.id, { email: `owner@${account.domain}`, source: "LOCAL", passwordHash: await hashPassword("correct horse battery") });
    const result = await signInWithPassword({ email: `OWNER@${account.domain}`, password: "correct horse battery", clientAddress: "10.0.0.1" });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, accountId: account.id } });
  });

  it("refuses a wrong password, an unknown email and a deactivated user alike", async () => {
    const account = await createAccount();
    const hash = await hashPassword("right password 1");
    await createUser(account.id, { email: `on@${account.domain}`, source: "LOCAL", passwordHash: hash });
    await createUser(account.id, { email: `off@${account.domain}`, source: "LOCAL", passwordHash: hash, active: false });
    const attempt = (email: string, password: string) => signInWithPassword({ email, password, clientAddress: "10.0.0.2" });
    expect(await attempt(`on@${account.domain}`, "wrong")).toEqual({ ok: false, error: "invalid-credentials" });
    expect(await attempt(`nobody@${account.domain}`, "right password 1")).toEqual({ ok: false, error: "invalid-credentials" });
    expect(await attempt(`off@${account.domain}`, "right password 1")).toEqual({ ok: false, error: "invalid-credentials" });
  });

  it("limits attempts per email, even with the right password once the limit is reached", async () => {
    const account = await createAccount();
    await createUser(account.id, { email: `target@${account.domain}`, source: "LOCAL", passwordHash: await hashPassword("the real password") });
    for (let i = 0; i < PASSWORD_ATTEMPTS.perEmail; i++) {
      expect(await signInWithPassword({ email: `target@${account.domain}`, password: `guess ${i}`, clientAddress: `10.1.0.${i}` })).toMatchObject({ ok: false, error: "invalid-credentials" });
    }
    const blocked = await signInWithPassword({ email: `target@${account.domain}`, password: "the real password", clientAddress: "10.1.1.1" });
    expect(blocked).toMatchObject({ ok: false, error: "rate-limited" });
    expect(!blocked.ok && blocked.error === "rate-limited" && blocked.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("limits attempts per client address across emails", async () => {
    const account = await createAccount();
    const results = [];
    for (let i = 0; i <= PASSWORD_ATTEMPTS.perAddress; i++) {
      results.push(await signInWithPassword({ email: `spray${i}@${account.domain}`, password: "x", clientAddress: "10.9.9.9" }));
    }
    expect(results.slice(0, PASSWORD_ATTEMPTS.perAddress).every((r) => !r.ok && r.error === "invalid-credentials")).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, error: "rate-limited" });
  });
});
