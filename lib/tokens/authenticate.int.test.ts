import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createAccount } from "@/lib/testing/fixtures";
import { authenticateScimRequest, flushScimTokenUseWrites } from "./authenticate";
import { createScimToken } from "./create-token";
import { recordScimTokenUse } from "./record-token-use";
import { revokeScimToken } from "./revoke-token";
import { generateToken } from "./token-format";

const actor = { type: "SYSTEM", label: "system" } as const;

async function setUp(state: "ENABLED" | "ACTIVE" | "PAUSED" = "ACTIVE", name = "Okta") {
  const account = await createAccount({ provisioningState: state });
  const { token, record } = await createScimToken(db, { accountId: account.id, name, actor });
  return { account, token, record };
}

const lastUsedAtOf = async (id: string) => (await db.scimToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
const firstUseEvents = (accountId: string) => db.auditEvent.count({ where: { accountId, action: "scim_token.first_used" } });

afterEach(async () => {
  vi.useRealTimers();
  await flushScimTokenUseWrites();
});

describe("authenticateScimRequest", () => {
  it("accepts a live token, with any letter case of the scheme, and returns its account's provisioning state", async () => {
    const { account, token, record } = await setUp("ACTIVE");
    for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER  ${token}`, `  Bearer ${token}  `]) {
      expect(await authenticateScimRequest(header)).toEqual({
        ok: true,
        token: { id: record.id, accountId: account.id, name: "Okta" },
        provisioningState: "ACTIVE",
      });
    }
    await db.provisioning.update({ where: { accountId: account.id }, data: { state: "PAUSED" } });
    expect(await authenticateScimRequest(`Bearer ${token}`)).toMatchObject({ ok: true, provisioningState: "PAUSED" });
  });

  it("reports missing, malformed and unknown tokens", async () => {
    const { token } = await setUp();
    expect(await authenticateScimRequest(null)).toEqual({ ok: false, reason: "missing" });
    expect(await authenticateScimRequest(`Basic ${token}`)).toEqual({ ok: false, reason: "missing" });
    expect(await authenticateScimRequest(`Bearer ${token.slice(0, -2)}`)).toEqual({ ok: false, reason: "malformed" });
    expect(await authenticateScimRequest(`Bearer ${generateToken()}`)).toEqual({ ok: false, reason: "unknown" });
  });

  it("refuses a revoked token on the very next request", async () => {
    const { account, token, record } = await setUp();
    expect((await authenticateScimRequest(`Bearer ${token}`)).ok).toBe(true);
    await revokeScimToken({ accountId: account.id, tokenId: record.id, actor });
    expect(await authenticateScimRequest(`Bearer ${token}`)).toEqual({ ok: false, reason: "revoked" });
  });

  it("refuses an expired token, and calls a token both revoked and expired revoked", async () => {
    const account = await createAccount({ provisioningState: "ACTIVE" });
    const { token, record } = await createScimToken(db, { accountId: account.id, expiresAt: new Date(Date.now() + 60_000), actor });
    expect((await authenticateScimRequest(`Bearer ${token}`)).ok).toBe(true);
    await db.scimToken.update({ where: { id: record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await authenticateScimRequest(`Bearer ${token}`)).toEqual({ ok: false, reason: "expired" });
    await db.scimToken.update({ where: { id: record.id }, data: { revokedAt: new Date() } });
    expect(await authenticateScimRequest(`Bearer ${token}`)).toEqual({ ok: false, reason: "revoked" });
  });

  it("tells tokens of different accounts apart", async () => {
    const one = await setUp("ACTIVE", "One");
    const two = await setUp("PAUSED", "Two");
    expect(await authenticateScimRequest(`Bearer ${one.token}`)).toMatchObject({ token: { accountId: one.account.id, name: "One" }, provisioningState: "ACTIVE" });
    expect(await authenticateScimRequest(`Bearer ${two.token}`)).toMatchObject({ token: { accountId: two.account.id, name: "Two" }, provisioningState: "PAUSED" });
  });
});

describe("last use", () => {
  it("writes lastUsedAt once for two requests within a minute, and audits the first use", async () => {
    const { account, token, record } = await setUp();
    expect(await lastUsedAtOf(record.id)).toBeNull();
    await authenticateScimRequest(`Bearer ${token}`);
    await flushScimTokenUseWrites();
    const first = await lastUsedAtOf(record.id);
    expect(first).toBeInstanceOf(Date);
    await authenticateScimRequest(`Bearer ${token}`);
    await flushScimTokenUseWrites();
    expect(await lastUsedAtOf(record.id)).toEqual(first);
    expect(await firstUseEvents(account.id)).toBe(1);
  });

  it("writes again once a minute has passed", async () => {
    const { token, record } = await setUp();
    await authenticateScimRequest(`Bearer ${token}`);
    await flushScimTokenUseWrites();
    const old = new Date(Date.now() - 120_000);
    await db.scimToken.update({ where: { id: record.id }, data: { lastUsedAt: old } });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000); // this process's throttle, too
    await authenticateScimRequest(`Bearer ${token}`);
    await flushScimTokenUseWrites();
    expect((await lastUsedAtOf(record.id))!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it("skips the write when another instance stamped the token within the minute", async () => {
    const { token, record } = await setUp();
    const recent = new Date(Date.now() - 30_000);
    await db.scimToken.update({ where: { id: record.id }, data: { lastUsedAt: recent } });
    await authenticateScimRequest(`Bearer ${token}`);
    await flushScimTokenUseWrites();
    expect(await lastUsedAtOf(record.id)).toEqual(recent);
  });

  it("the database condition alone keeps the writes to one a minute", async () => {
    const { account, record } = await setUp();
    const used = { id: record.id, accountId: account.id, name: record.name };
    const recent = new Date(Date.now() - 30_000);
    await db.scimToken.update({ where: { id: record.id }, data: { lastUsedAt: recent } });
    expect(await recordScimTokenUse(used, false)).toBe("skipped");
    expect(await lastUsedAtOf(record.id)).toEqual(recent);
    await db.scimToken.update({ where: { id: record.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    expect(await recordScimTokenUse(used, false)).toBe("updated");
    expect(await recordScimTokenUse(used, false)).toBe("skipped");
    expect(await firstUseEvents(account.id)).toBe(0);
  });

  it("audits the first use exactly once when instances race on it", async () => {
    const { account, record } = await setUp();
    const used = { id: record.id, accountId: account.id, name: record.name };
    // Separate calls stand for separate app instances (each with its own throttle) seeing lastUsedAt NULL.
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => recordScimTokenUse(used, true)));
    expect(outcomes.filter((o) => o === "first-use")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "skipped")).toHaveLength(9);
    expect(await firstUseEvents(account.id)).toBe(1);
    const [event] = await db.auditEvent.findMany({ where: { accountId: account.id, action: "scim_token.first_used" } });
    expect(event).toMatchObject({ actorType: "SCIM_TOKEN", actorId: record.id, actorLabel: "Okta", targetType: "scim_token", targetId: record.id });
  });

  it("audits the first use once for concurrent requests through authenticate", async () => {
    const { account, token } = await setUp();
    const results = await Promise.all(Array.from({ length: 10 }, () => authenticateScimRequest(`Bearer ${token}`)));
    expect(results.every((r) => r.ok)).toBe(true);
    await flushScimTokenUseWrites();
    expect(await firstUseEvents(account.id)).toBe(1);
  });
});
