// The SCIM activity log over real HTTP: what is stored of each request (bodies with secrets removed, the resource,
// the changes it caused), the filters of the activity page, and the chart's series.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccountWithToken, idOf, scimClient, startScimServer, type ScimClient, type ScimServer } from "@/lib/testing/scim-http-server";
import { MAX_STORED_BODY, REDACTED } from "./redact";
import { flushScimRequestLog } from "./request-log-writer";
import { getRequestSeries } from "./request-series";
import { getScimRequest, searchScimRequests, type ScimRequestSummary } from "./search-requests";

const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

let server: ScimServer;
let client: ScimClient;
let token: string;
let accountId: string;

beforeAll(async () => {
  server = await startScimServer();
  const created = await createAccountWithToken();
  token = created.token;
  accountId = created.account.id;
  client = scimClient(server.baseUrl, token);
});

afterAll(async () => {
  await server.close();
});

const suffix = () => crypto.randomBytes(4).toString("hex");

/** The stored log line of the request that answered with `requestId` (X-Request-Id). */
async function logOf(requestId: string | null) {
  expect(requestId).toBeTruthy();
  await flushScimRequestLog();
  return db.scimRequestLog.findFirstOrThrow({ where: { accountId, requestId: requestId! } });
}

/** Everything stored for the account, as text: a secret must appear nowhere in it. */
async function everythingStored(): Promise<string> {
  await flushScimRequestLog();
  const rows = await db.scimRequestLog.findMany({ where: { accountId } });
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

describe("what the activity log stores", () => {
  it("a creation: the redacted request, the response, the new resource's id and the changes it caused", async () => {
    const userName = `pat.${suffix()}@example.test`;
    const secret = `Secret-${suffix()}!`;
    const res = await client.post("/Users", {
      schemas: [CORE_USER],
      userName,
      password: secret,
      name: { givenName: "Pat", familyName: "Doe" },
      emails: [{ value: userName, type: "work", primary: true }],
    });
    expect(res.status, res.text).toBe(201);
    const id = idOf(res);
    const log = await logOf(res.headers.get("x-request-id"));
    expect(log).toMatchObject({ method: "POST", path: "/Users", status: 201, resourceType: "User", resourceId: id });
    expect(log.requestBody).toMatchObject({ userName, password: REDACTED, name: { givenName: "Pat" } });
    expect(log.responseBody).toMatchObject({ id, userName });
    expect(await everythingStored()).not.toContain(secret);

    const detail = await getScimRequest(accountId, log.id.toString());
    expect(detail?.token?.name).toBe("Test IdP");
    expect(detail?.changes.map((c) => c.action)).toEqual(expect.arrayContaining(["directory.user.created", "user.created"]));
    expect(detail?.changes.every((c) => c.requestId === log.requestId)).toBe(true);
    expect(await getScimRequest(crypto.randomUUID(), log.id.toString())).toBeNull();
  });

  it("passwords are never stored: PATCH with a path in any case or with its URN, path-less values, bulk, PUT", async () => {
    const { id } = { id: idOf(await client.post("/Users", { schemas: [CORE_USER], userName: `lee.${suffix()}@example.test` })) };
    const secrets = Array.from({ length: 6 }, () => `Pw-${suffix()}-${suffix()}`);
    const patches = [
      { op: "replace", path: "password", value: secrets[0] },
      { op: "Replace", path: "PassWord", value: secrets[1] },
      { op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:password", value: secrets[2] },
      { op: "replace", value: { password: secrets[3], displayName: "Lee" } },
    ];
    for (const operation of patches) {
      const res = await client.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [operation] });
      expect(res.status, res.text).toBe(200);
      const log = await logOf(res.headers.get("x-request-id"));
      expect(log.resourceId).toBe(id);
      expect(JSON.stringify(log.requestBody)).toContain(REDACTED);
    }
    const put = await client.put(`/Users/${id}`, { schemas: [CORE_USER], userName: `lee.${suffix()}@example.test`, Password: secrets[4] });
    expect(put.status, put.text).toBe(200);
    const bulk = await client.post("/Bulk", {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
      Operations: [{ method: "POST", path: "/Users", bulkId: "b1", data: { schemas: [CORE_USER], userName: `bulk.${suffix()}@example.test`, password: secrets[5] } }],
    });
    expect(bulk.status, bulk.text).toBe(200);
    const stored = await everythingStored();
    for (const secret of secrets) expect(stored).not.toContain(secret);
  });

  it("never the Authorization header or a token, even when a client puts one in a body or a query", async () => {
    const res = await client.send("GET", `/Users?filter=${encodeURIComponent(`userName eq "${token}"`)}`);
    expect(res.status).toBe(200);
    const body = await client.post("/Groups", { schemas: [CORE_GROUP], displayName: `Bearer ${token}` });
    expect(body.status, body.text).toBe(201);
    const stored = await everythingStored();
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(7, 40));
    expect(stored.toLowerCase()).not.toContain("authorization");
  });

  it("a failed request keeps its error body; a body that is not JSON is kept unless it mentions a password", async () => {
    const bad = await client.get(`/Users?filter=${encodeURIComponent("userName eqq 1")}`);
    expect(bad.status).toBe(400);
    const log = await logOf(bad.headers.get("x-request-id"));
    expect(log).toMatchObject({ status: 400, resourceType: "User", resourceId: null });
    expect(log.responseBody).toMatchObject({ scimType: "invalidFilter", status: "400" });

    const broken = await client.send("POST", "/Users", '{"userName": "x", ', { "Content-Type": "application/scim+json" });
    expect(broken.status).toBe(400);
    expect((await logOf(broken.headers.get("x-request-id"))).requestBody).toMatchObject({ $unparsed: true, text: '{"userName": "x", ' });
    const brokenSecret = await client.send("POST", "/Users", '{"password": "hunter2-secret", ', { "Content-Type": "application/scim+json" });
    const secretLog = await logOf(brokenSecret.headers.get("x-request-id"));
    expect(secretLog.requestBody).toMatchObject({ $unparsed: true });
    expect(JSON.stringify(secretLog.requestBody)).not.toContain("hunter2");
  });

  it("cuts very large bodies to size, with a marker", async () => {
    const group = idOf(await client.post("/Groups", { schemas: [CORE_GROUP], displayName: `Big ${suffix()}` }));
    const res = await client.patch(`/Groups/${group}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: "replace", path: "displayName", value: `Big ${"x".repeat(MAX_STORED_BODY)}` }],
    });
    expect(res.status, res.text).toBe(204);
    const log = await logOf(res.headers.get("x-request-id"));
    expect(log.requestBody).toMatchObject({ $truncated: true });
    const body = log.requestBody as { length: number; preview: string };
    expect(body.preview.length).toBe(MAX_STORED_BODY);
    expect(body.length).toBeGreaterThan(MAX_STORED_BODY);
    expect(log.responseBody).toBeNull(); // 204
  });
});

describe("searchScimRequests", () => {
  let userName: string;
  let userId: string;

  beforeAll(async () => {
    userName = `find.${suffix()}@example.test`;
    userId = idOf(await client.post("/Users", { schemas: [CORE_USER], userName }));
    await client.get(`/Users/${userId}`);
    await client.patch(`/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Found" }] });
    await client.get(`/Users/${crypto.randomUUID()}`); // 404
    await client.delete(`/Users/${userId}`);
    await flushScimRequestLog();
  });

  async function every(filters: Parameters<typeof searchScimRequests>[1], limit = 4): Promise<ScimRequestSummary[]> {
    const out: ScimRequestSummary[] = [];
    let cursor: string | null = null;
    do {
      const page = await searchScimRequests(accountId, filters, cursor, limit);
      out.push(...page.requests);
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(out.map((r) => r.id)).size).toBe(out.length);
    return out;
  }

  async function table() {
    const rows = await db.scimRequestLog.findMany({ where: { accountId }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }] });
    return rows.map((r) => ({ ...r, id: r.id.toString() }));
  }

  it("pages through every request newest first", async () => {
    const expected = await table();
    expect((await every({}, 3)).map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });

  it("filters by status class, errors only, resource type and id, user, time", async () => {
    const expected = await table();
    const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);
    expect(idsOf(await every({ errorsOnly: true }))).toEqual(idsOf(expected.filter((r) => r.status >= 400)));
    expect(idsOf(await every({ statusClass: "4xx" }))).toEqual(idsOf(expected.filter((r) => r.status >= 400 && r.status < 500)));
    expect(idsOf(await every({ statusClass: "2xx" }))).toEqual(idsOf(expected.filter((r) => r.status >= 200 && r.status < 300)));
    expect(idsOf(await every({ statusClass: "5xx" }))).toEqual([]);
    expect(idsOf(await every({ resourceType: "Group" }))).toEqual(idsOf(expected.filter((r) => r.resourceType === "Group")));
    const ofUser = expected.filter((r) => r.resourceId === userId);
    expect(ofUser.map((r) => r.method).sort()).toEqual(["DELETE", "GET", "PATCH", "POST"]);
    expect(idsOf(await every({ resourceId: userId }))).toEqual(idsOf(ofUser));
    // The user was deleted by the IdP: still found by userName, through the audit trail.
    expect(idsOf(await every({ userName: userName.toUpperCase() }))).toEqual(idsOf(ofUser));
    expect(await every({ userName: "nobody@example.test" })).toEqual([]);
    const middle = expected[Math.floor(expected.length / 2)]!.occurredAt;
    expect(idsOf(await every({ from: middle }))).toEqual(idsOf(expected.filter((r) => r.occurredAt >= middle)));
    expect(idsOf(await every({ to: middle, errorsOnly: true }))).toEqual(idsOf(expected.filter((r) => r.occurredAt < middle && r.status >= 400)));
  });

  it("never shows another account's requests", async () => {
    const other = await createAccountWithToken();
    const otherClient = scimClient(server.baseUrl, other.token);
    await otherClient.get("/Users?count=1");
    await flushScimRequestLog();
    const mine = new Set((await every({})).map((r) => r.id));
    const theirs = await searchScimRequests(other.account.id, {});
    expect(theirs.requests).toHaveLength(1);
    expect(mine.has(theirs.requests[0]!.id)).toBe(false);
    expect(await getScimRequest(other.account.id, [...mine][0]!)).toBeNull();
  });
});

describe("getRequestSeries", () => {
  it("counts requests and errors per hour over 24 hours and per day over 7 days, empty buckets included", async () => {
    const { account, tokenId } = await createAccountWithToken();
    const now = new Date("2026-06-10T15:20:00Z");
    const at = (iso: string, status: number) => ({ accountId: account.id, tokenId, occurredAt: new Date(iso), method: "GET", path: "/Users", status, durationMs: 1, requestId: crypto.randomUUID() });
    await db.scimRequestLog.createMany({
      data: [
        at("2026-06-10T15:05:00Z", 200),
        at("2026-06-10T15:19:59Z", 500),
        at("2026-06-10T14:59:59Z", 404),
        at("2026-06-09T16:00:00Z", 200), // the first hour of the 24
        at("2026-06-09T15:59:59Z", 200), // outside the 24 hours, inside the 7 days
        at("2026-06-04T00:00:00Z", 201), // the first day of the 7
        at("2026-06-03T23:59:59Z", 200), // outside
        at("2026-06-10T15:30:00Z", 200), // after "now": same hour, counted
      ],
    });
    const hours = await getRequestSeries(account.id, "24h", now);
    expect(hours).toHaveLength(24);
    expect(hours[0]!.start.toISOString()).toBe("2026-06-09T16:00:00.000Z");
    expect(hours.at(-1)).toEqual({ start: new Date("2026-06-10T15:00:00Z"), requests: 3, errors: 1 });
    expect(hours.at(-2)).toEqual({ start: new Date("2026-06-10T14:00:00Z"), requests: 1, errors: 1 });
    expect(hours[0]).toEqual({ start: new Date("2026-06-09T16:00:00Z"), requests: 1, errors: 0 });
    expect(hours.reduce((n, b) => n + b.requests, 0)).toBe(5);

    const days = await getRequestSeries(account.id, "7d", now);
    expect(days.map((d) => d.start.toISOString().slice(0, 10))).toEqual(["2026-06-04", "2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08", "2026-06-09", "2026-06-10"]);
    expect(days.map((d) => [d.requests, d.errors])).toEqual([[1, 0], [0, 0], [0, 0], [0, 0], [0, 0], [2, 0], [4, 2]]);
  });
});
