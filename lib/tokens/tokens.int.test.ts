import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { createAccount } from "@/lib/testing/fixtures";
import { createScimToken, MAX_LIVE_TOKENS } from "./create-token";
import { isScimTokenError, type ScimTokenErrorCode } from "./errors";
import { listScimTokens } from "./list-tokens";
import { revokeAllScimTokens, revokeScimToken } from "./revoke-token";
import { displayHintOf, hasValidShape } from "./token-format";
import { hashToken } from "./token-hash";

const admin: AuditActor = { type: "USER", id: "00000000-0000-4000-8000-000000000001", label: "admin@example.com" };

async function expectTokenError(promise: Promise<unknown>, code: ScimTokenErrorCode) {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isScimTokenError(error, code), `expected ScimTokenError ${code}, got ${String(error)}`).toBe(true);
}

const auditOf = (accountId: string, action?: string) =>
  db.auditEvent.findMany({ where: { accountId, ...(action ? { action } : {}) }, orderBy: { id: "asc" } });

describe("createScimToken", () => {
  it("returns the secret once and stores only its keyed hash and display hint", async () => {
    const account = await createAccount({ provisioningState: "ENABLED" });
    const expiresAt = new Date(Date.now() + 90 * 86_400_000);
    const { token, record } = await createScimToken(db, { accountId: account.id, name: "  Okta  ", expiresAt, actor: admin });
    expect(hasValidShape(token)).toBe(true);
    expect(record).toMatchObject({ name: "Okta", displayHint: displayHintOf(token), expiresAt, lastUsedAt: null });
    expect(record.createdAt).toBeInstanceOf(Date);
    expect(Object.keys(record).sort()).toEqual(["createdAt", "displayHint", "expiresAt", "id", "lastUsedAt", "name"]);

    const row = await db.scimToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(Buffer.from(row.secretHash).equals(hashToken(token))).toBe(true);
    expect(JSON.stringify(row)).not.toContain(token.slice(7, 20));
  });

  it("audits the creation in its transaction, without the secret or its hash", async () => {
    const account = await createAccount();
    const { token, record } = await createScimToken(db, { accountId: account.id, name: "Entra", actor: admin, requestId: "req-1" });
    const events = await auditOf(account.id, "scim_token.created");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: "USER",
      actorId: admin.id,
      actorLabel: admin.label,
      targetType: "scim_token",
      targetId: record.id,
      targetLabel: "Entra",
      requestId: "req-1",
      after: { name: "Entra", displayHint: record.displayHint, expiresAt: null },
    });
    const text = JSON.stringify(events, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.slice(11));
    expect(text).not.toContain(hashToken(token).toString("hex"));
    expect(text).not.toContain(hashToken(token).toString("base64"));
  });

  it("names tokens Token <n> by default, counting every token ever created", async () => {
    const account = await createAccount();
    const first = await createScimToken(db, { accountId: account.id, actor: admin });
    const second = await createScimToken(db, { accountId: account.id, name: "   ", actor: admin });
    expect([first.record.name, second.record.name]).toEqual(["Token 1", "Token 2"]);
    await revokeScimToken({ accountId: account.id, tokenId: first.record.id, actor: admin });
    expect((await createScimToken(db, { accountId: account.id, actor: admin })).record.name).toBe("Token 3");
  });

  it("limits names to 100 characters without control characters", async () => {
    const account = await createAccount();
    await expectTokenError(createScimToken(db, { accountId: account.id, name: "x".repeat(101), actor: admin }), "invalid-name");
    await expectTokenError(createScimToken(db, { accountId: account.id, name: "a\nb", actor: admin }), "invalid-name");
    expect((await createScimToken(db, { accountId: account.id, name: ` ${"y".repeat(100)} `, actor: admin })).record.name).toBe("y".repeat(100));
    expect(await db.scimToken.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("requires a future expiry", async () => {
    const account = await createAccount();
    await expectTokenError(createScimToken(db, { accountId: account.id, expiresAt: new Date(Date.now() - 1000), actor: admin }), "invalid-expiry");
    await expectTokenError(createScimToken(db, { accountId: account.id, expiresAt: new Date(Number.NaN), actor: admin }), "invalid-expiry");
    expect(await db.scimToken.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("refuses unknown accounts and accounts being reset", async () => {
    await expectTokenError(createScimToken(db, { accountId: crypto.randomUUID(), actor: admin }), "account-not-found");
    await expectTokenError(createScimToken(db, { accountId: "not-a-uuid", actor: admin }), "account-not-found");
    const resetting = await createAccount({ provisioningState: "RESETTING" });
    await expectTokenError(createScimToken(db, { accountId: resetting.id, actor: admin }), "provisioning-resetting");
  });

  it("allows two live tokens and refuses a third, writing nothing for the refusal", async () => {
    const account = await createAccount();
    const first = await createScimToken(db, { accountId: account.id, actor: admin });
    await createScimToken(db, { accountId: account.id, actor: admin });
    const auditBefore = (await auditOf(account.id)).length;
    await expectTokenError(createScimToken(db, { accountId: account.id, actor: admin }), "limit-reached");
    expect(await db.scimToken.count({ where: { accountId: account.id } })).toBe(MAX_LIVE_TOKENS);
    expect(await auditOf(account.id)).toHaveLength(auditBefore);

    // Revoked and expired tokens no longer count.
    await revokeScimToken({ accountId: account.id, tokenId: first.record.id, actor: admin });
    const third = await createScimToken(db, { accountId: account.id, actor: admin });
    await expectTokenError(createScimToken(db, { accountId: account.id, actor: admin }), "limit-reached");
    await db.scimToken.update({ where: { id: third.record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await createScimToken(db, { accountId: account.id, actor: admin });
  });

  it("creates exactly two of ten concurrent requests", async () => {
    const account = await createAccount();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => createScimToken(db, { accountId: account.id, name: `c${i}`, actor: admin })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    const refusals = results.filter((r) => r.status === "rejected");
    expect(refusals).toHaveLength(8);
    expect(refusals.every((r) => isScimTokenError(r.reason, "limit-reached"))).toBe(true);
    expect(await db.scimToken.count({ where: { accountId: account.id } })).toBe(2);
    expect(await auditOf(account.id, "scim_token.created")).toHaveLength(2);
  });

  it("joins the caller's transaction: rolled back together with the audit event", async () => {
    const account = await createAccount();
    await expect(
      db.$transaction(async (tx) => {
        await createScimToken(tx, { accountId: account.id, actor: admin });
        throw new Error("caller failed later");
      }),
    ).rejects.toThrow("caller failed later");
    expect(await db.scimToken.count({ where: { accountId: account.id } })).toBe(0);
    expect(await auditOf(account.id, "scim_token.created")).toHaveLength(0);
  });

  it("counts the limit per account", async () => {
    const a = await createAccount();
    const b = await createAccount();
    await createScimToken(db, { accountId: a.id, actor: admin });
    await createScimToken(db, { accountId: a.id, actor: admin });
    await createScimToken(db, { accountId: b.id, actor: admin });
    await createScimToken(db, { accountId: b.id, actor: admin });
    await expectTokenError(createScimToken(db, { accountId: b.id, actor: admin }), "limit-reached");
  });
});

describe("listScimTokens", () => {
  it("lists the account's live tokens, oldest first, never the hash", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const a = await createScimToken(db, { accountId: account.id, name: "A", actor: admin });
    const b = await createScimToken(db, { accountId: account.id, name: "B", actor: admin });
    await createScimToken(db, { accountId: other.id, name: "Other", actor: admin });
    const list = await listScimTokens(account.id);
    expect(list.map((t) => t.name)).toEqual(["A", "B"]);
    expect(list[0]).toEqual(a.record);
    for (const token of list) expect(Object.keys(token).sort()).toEqual(["createdAt", "displayHint", "expiresAt", "id", "lastUsedAt", "name"]);

    await db.scimToken.update({ where: { id: b.record.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    await revokeScimToken({ accountId: account.id, tokenId: a.record.id, actor: admin });
    expect(await listScimTokens(account.id)).toEqual([]);
    expect((await listScimTokens(other.id)).map((t) => t.name)).toEqual(["Other"]);
  });
});

describe("revokeScimToken", () => {
  it("marks the token revoked, keeps the row and audits it", async () => {
    const account = await createAccount();
    const { record } = await createScimToken(db, { accountId: account.id, name: "Okta", actor: admin });
    const revoked = await revokeScimToken({ accountId: account.id, tokenId: record.id, actor: admin, requestId: "req-9" });
    expect(revoked.id).toBe(record.id);
    const row = await db.scimToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    const events = await auditOf(account.id, "scim_token.revoked");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: admin.id, targetId: record.id, targetLabel: "Okta", requestId: "req-9" });
  });

  it("answers not found for another account's token, an unknown id or a token already revoked", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const { record } = await createScimToken(db, { accountId: account.id, actor: admin });
    await expectTokenError(revokeScimToken({ accountId: other.id, tokenId: record.id, actor: admin }), "not-found");
    expect((await db.scimToken.findUniqueOrThrow({ where: { id: record.id } })).revokedAt).toBeNull();
    await expectTokenError(revokeScimToken({ accountId: account.id, tokenId: crypto.randomUUID(), actor: admin }), "not-found");
    await expectTokenError(revokeScimToken({ accountId: account.id, tokenId: "nope", actor: admin }), "not-found");
    await revokeScimToken({ accountId: account.id, tokenId: record.id, actor: admin });
    await expectTokenError(revokeScimToken({ accountId: account.id, tokenId: record.id, actor: admin }), "not-found");
    expect(await auditOf(account.id, "scim_token.revoked")).toHaveLength(1);
    expect(await auditOf(other.id, "scim_token.revoked")).toHaveLength(0);
  });
});

describe("revokeAllScimTokens", () => {
  it("revokes every unrevoked token of the account only, with one audit event each", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const a = await createScimToken(db, { accountId: account.id, actor: admin });
    const b = await createScimToken(db, { accountId: account.id, actor: admin });
    await revokeScimToken({ accountId: account.id, tokenId: a.record.id, actor: admin });
    const c = await createScimToken(db, { accountId: account.id, actor: admin });
    await createScimToken(db, { accountId: other.id, actor: admin });

    const count = await db.$transaction((tx) => revokeAllScimTokens(tx, account.id, { type: "SYSTEM", label: "system" }));
    expect(count).toBe(2);
    expect(await listScimTokens(account.id)).toEqual([]);
    expect(await listScimTokens(other.id)).toHaveLength(1);
    const events = await db.auditEvent.findMany({ where: { accountId: account.id, action: "scim_token.revoked", actorType: "SYSTEM" } });
    expect(events.map((e) => e.targetId).sort()).toEqual([b.record.id, c.record.id].sort());
  });
});
