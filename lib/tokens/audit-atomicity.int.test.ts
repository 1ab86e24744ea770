// A failing audit write must undo the change it records (same transaction).
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createAccount } from "@/lib/testing/fixtures";
import { authenticateScimRequest, flushScimTokenUseWrites } from "./authenticate";
import { createScimToken } from "./create-token";
import { recordScimTokenUse } from "./record-token-use";
import type * as AuditModule from "@/lib/audit/record-audit-event";

const audit = vi.hoisted(() => ({ fail: false }));
vi.mock("@/lib/audit/record-audit-event", async (importOriginal) => {
  const actual = await importOriginal<typeof AuditModule>();
  return {
    ...actual,
    recordAuditEvent: async (...args: Parameters<typeof actual.recordAuditEvent>) => {
      if (audit.fail) throw new Error("audit store unavailable");
      return actual.recordAuditEvent(...args);
    },
  };
});

afterEach(() => {
  audit.fail = false;
  vi.restoreAllMocks();
});

describe("audit events share the transaction of the change", () => {
  it("a creation whose audit event fails leaves no token", async () => {
    const account = await createAccount();
    audit.fail = true;
    await expect(createScimToken(db, { accountId: account.id, actor: { type: "SYSTEM", label: "system" } })).rejects.toThrow("audit store unavailable");
    expect(await db.scimToken.count({ where: { accountId: account.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("a first use whose audit event fails leaves lastUsedAt unset, so a later request audits it", async () => {
    const account = await createAccount();
    const { token, record } = await createScimToken(db, { accountId: account.id, actor: { type: "SYSTEM", label: "system" } });
    audit.fail = true;
    await expect(recordScimTokenUse({ id: record.id, accountId: account.id, name: record.name }, true)).rejects.toThrow("audit store unavailable");
    expect((await db.scimToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toBeNull();

    // Through authenticate: the request still succeeds, the failed write is logged, not an unhandled rejection.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await authenticateScimRequest(`Bearer ${token}`)).toMatchObject({ ok: true });
    await flushScimTokenUseWrites();
    expect(logged).toHaveBeenCalledTimes(1);
    expect((await db.scimToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toBeNull();

    // The failure cleared this process's throttle: the next request records the first use.
    audit.fail = false;
    expect(await authenticateScimRequest(`Bearer ${token}`)).toMatchObject({ ok: true });
    await flushScimTokenUseWrites();
    expect((await db.scimToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt).toBeInstanceOf(Date);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "scim_token.first_used" } })).toBe(1);
  });
});
