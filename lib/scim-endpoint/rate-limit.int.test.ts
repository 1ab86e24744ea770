// Rate limiting as the IdPs see it (notes/idp-wire.md: both honour 429 + Retry-After), and the provisioning states
// during which the API asks to be retried. The limit is lowered for this file before any module reads it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SCIM_RATE_LIMIT_PER_MINUTE = "20";
});

import { db } from "@/lib/db";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import { createAccountWithToken, scimClient, startScimServer, type ScimServer } from "@/lib/testing/scim-http-server";
import { CORE_USER, ERROR } from "./idp-replay.fixtures";
import { REQUESTS_PER_MINUTE } from "./service-provider";

let server: ScimServer;

beforeAll(async () => {
  server = await startScimServer();
});

afterAll(async () => {
  await flushScimTokenUseWrites();
  await server.close();
});

describe("rate limit and retry-later answers", () => {
  it("answers 429 with Retry-After and a SCIM error once a token used its requests per minute; other tokens are unaffected", async () => {
    expect(REQUESTS_PER_MINUTE).toBe(20);
    const limited = await createAccountWithToken();
    const other = await createAccountWithToken();
    const client = scimClient(server.baseUrl, limited.token);
    const statuses: number[] = [];
    for (let i = 0; i < REQUESTS_PER_MINUTE; i++) statuses.push((await client.get("/Users?count=0")).status);
    expect(statuses.every((s) => s === 200)).toBe(true);

    const refused = await client.post("/Users", { schemas: [CORE_USER], userName: "late@example.com" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(refused.body).toMatchObject({ schemas: [ERROR], status: "429" });
    // Refused means not done.
    expect(await db.directoryUser.count({ where: { accountId: limited.account.id } })).toBe(0);

    expect((await scimClient(server.baseUrl, other.token).get("/Users?count=0")).status).toBe(200);
  });

  it.each(["ENABLING", "RESETTING"] as const)("answers 503 with Retry-After while provisioning is %s, changing nothing", async (state) => {
    const { account, token } = await createAccountWithToken();
    await db.provisioning.update({ where: { accountId: account.id }, data: { state } });
    const res = await scimClient(server.baseUrl, token).post("/Users", { schemas: [CORE_USER], userName: "busy@example.com" });
    expect(res.status, res.text).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: "503" });
    expect(await db.directoryUser.count({ where: { accountId: account.id } })).toBe(0);
  });
});
