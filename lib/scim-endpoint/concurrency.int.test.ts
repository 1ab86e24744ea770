// Concurrent SCIM requests over real HTTP against real PostgreSQL: IdPs retry and parallelise, and the answer must
// still be one user per userName, every member added, and no lost update.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import { userNameKey } from "@/lib/users/user-name";
import {
  bodyOf,
  createAccountWithToken,
  idOf,
  memberIdsOf,
  scimClient,
  startScimServer,
  type ScimClient,
  type ScimServer,
} from "@/lib/testing/scim-http-server";
import { CORE_GROUP, CORE_USER, ERROR, patchOf } from "./idp-replay.fixtures";

let server: ScimServer;
let client: ScimClient;
let accountId: string;

beforeAll(async () => {
  server = await startScimServer();
  const created = await createAccountWithToken();
  accountId = created.account.id;
  client = scimClient(server.baseUrl, created.token);
});

afterAll(async () => {
  await flushScimTokenUseWrites();
  await server.close();
});

const suffix = () => crypto.randomBytes(4).toString("hex");

function randomCase(text: string): string {
  return [...text].map((c) => (crypto.randomInt(2) ? c.toUpperCase() : c.toLowerCase())).join("");
}

describe("concurrency", () => {
  it("50 concurrent creates of one userName in random letter case: exactly one 201, the rest 409 uniqueness, one row each side", async () => {
    const userName = `race.${suffix()}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client.post("/Users", { schemas: [CORE_USER], userName: i === 0 ? userName : randomCase(userName), name: { givenName: "Race", familyName: String(i) } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500), results.filter((r) => r.status >= 500).map((r) => r.text).join("\n")).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const res of results.filter((r) => r.status === 409)) {
      expect(res.body).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });
    }
    const key = userNameKey(userName);
    expect(await db.directoryUser.count({ where: { accountId, userNameKey: key } })).toBe(1);
    expect(await db.user.count({ where: { accountId, userNameKey: key } })).toBe(1);
    const winner = results.find((r) => r.status === 201)!;
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id: idOf(winner) } });
    expect(row.portalUserId).not.toBeNull();
  });

  it("a burst of creates (new users, a name already taken, one name sent six times): each request gets its own answer and its own audit events", async () => {
    const tag = suffix();
    const taken = `taken.${tag}@example.com`;
    expect((await client.post("/Users", { schemas: [CORE_USER], userName: taken })).status).toBe(201);
    const names = Array.from({ length: 30 }, (_, i) => `burst.${tag}.${i}@example.com`);
    const bodies = [
      ...names.map((userName) => ({ userName })),
      ...Array.from({ length: 5 }, () => ({ userName: randomCase(names[0]!) })),
      ...Array.from({ length: 4 }, () => ({ userName: randomCase(taken) })),
    ];
    const results = await Promise.all(bodies.map((b) => client.post("/Users", { schemas: [CORE_USER], ...b })));
    expect(results.filter((r) => r.status >= 500).map((r) => r.text)).toEqual([]);
    const createdIds = results.filter((r) => r.status === 201).map((r) => String(r.body?.id));
    expect(createdIds).toHaveLength(30);
    expect(new Set(createdIds).size).toBe(30);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await db.user.count({ where: { accountId, userNameKey: { in: names.map(userNameKey) }, source: "SCIM", active: true } })).toBe(30);

    for (const result of results) {
      const requestId = result.headers.get("x-request-id")!;
      const events = await db.auditEvent.findMany({ where: { accountId, requestId }, select: { action: true, targetId: true, targetLabel: true } });
      if (result.status !== 201) {
        expect(events).toEqual([]);
        continue;
      }
      const id = String(result.body?.id);
      const userName = String(result.body?.userName);
      const portalUser = await db.directoryUser.findUniqueOrThrow({ where: { id }, select: { portalUserId: true } });
      expect(events.map((e) => e.action).sort()).toEqual(["directory.user.created", "user.created"]);
      expect(events.find((e) => e.action === "directory.user.created")).toMatchObject({ targetId: id, targetLabel: userName });
      expect(events.find((e) => e.action === "user.created")).toMatchObject({ targetId: portalUser.portalUserId, targetLabel: userName });
    }
  });

  it("50 concurrent creates of different users with passwords (an Okta import): all 201, each with its hash and portal user", async () => {
    const names = Array.from({ length: 50 }, (_, i) => `import.${i}.${suffix()}@example.com`);
    const results = await Promise.all(
      names.map((userName) => client.post("/Users", { schemas: [CORE_USER], userName, password: `Pw-${userName}` }, { "Content-Type": "application/json" })),
    );
    expect(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    const rows = await db.directoryUser.findMany({ where: { accountId, userNameKey: { in: names.map(userNameKey) } } });
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.passwordHash?.startsWith("$argon2id$") && r.portalUserId !== null)).toBe(true);
    expect(await db.user.count({ where: { accountId, userNameKey: { in: names.map(userNameKey) } } })).toBe(50);
  });

  it("20 concurrent PATCH add-member requests to one group: every member is present", async () => {
    const users = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await client.post("/Users", { schemas: [CORE_USER], userName: `m.${suffix()}@example.com` });
        expect(res.status, res.text).toBe(201);
        return idOf(res);
      }),
    );
    const created = await client.post("/Groups", { schemas: [CORE_GROUP], displayName: `Crowd ${suffix()}` });
    expect(created.status, created.text).toBe(201);
    const groupId = idOf(created);

    const results = await Promise.all(users.map((id) => client.patch(`/Groups/${groupId}`, patchOf({ op: "add", path: "members", value: [{ value: id }] }))));
    expect(results.map((r) => r.status)).toEqual(users.map(() => 204));
    const group = await client.get(`/Groups/${groupId}`);
    expect(memberIdsOf(bodyOf(group))).toEqual([...users].sort());
    expect(await db.directoryMembership.count({ where: { groupId } })).toBe(20);
    // Each change was a new version: 1 + 20.
    expect(group.headers.get("etag")).toBe('W/"21"');
  });

  it("adding a member while it is being deleted: the add either lands first (204) or finds no such user (400), never a 5xx", async () => {
    const created = await client.post("/Groups", { schemas: [CORE_GROUP], displayName: `Churn ${suffix()}` });
    const groupId = idOf(created);
    const users = await Promise.all(
      Array.from({ length: 15 }, async () => idOf(await client.post("/Users", { schemas: [CORE_USER], userName: `churn.${suffix()}@example.com` }))),
    );
    const results = await Promise.all(
      users.flatMap((id) => [
        client.patch(`/Groups/${groupId}`, patchOf({ op: "add", path: "members", value: [{ value: id }] })),
        client.delete(`/Users/${id}`),
        client.patch(`/Groups/${groupId}`, patchOf({ op: "replace", path: "displayName", value: `Churn ${suffix()}` })),
      ]),
    );
    const unexpected = results.filter((r) => ![204, 400].includes(r.status));
    expect(unexpected.map((r) => `${r.status} ${r.text}`)).toEqual([]);
    for (const r of results.filter((x) => x.status === 400)) expect(r.body).toMatchObject({ scimType: "invalidValue" });
    // Every user is gone, and so is every membership.
    expect(await db.directoryUser.count({ where: { id: { in: users } } })).toBe(0);
    expect(memberIdsOf(bodyOf(await client.get(`/Groups/${groupId}`)))).toEqual([]);
  });

  it("concurrent PUTs with the same If-Match: exactly one succeeds, the others 412 (no lost update)", async () => {
    const userName = `lu.${suffix()}@example.com`;
    const created = await client.post("/Users", { schemas: [CORE_USER], userName, title: "v1" });
    expect(created.status).toBe(201);
    const id = idOf(created);
    const etag = created.headers.get("etag")!;

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.put(`/Users/${id}`, { schemas: [CORE_USER], userName, title: `writer ${i}` }, { "If-Match": etag })),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(9);
    for (const res of results.filter((r) => r.status === 412)) expect(res.body).toMatchObject({ schemas: [ERROR], status: "412" });
    // What is stored is the winner's write, at exactly one version more.
    const stored = bodyOf(await client.get(`/Users/${id}`));
    expect(stored.title).toBe(bodyOf(winners[0]!).title);
    expect((await db.directoryUser.findUniqueOrThrow({ where: { id } })).version).toBe(2);
  });

  it("concurrent PATCHes with the same If-Match on a group: exactly one succeeds", async () => {
    const created = await client.post("/Groups", { schemas: [CORE_GROUP], displayName: `Lock ${suffix()}` });
    const groupId = idOf(created);
    const etag = created.headers.get("etag")!;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.patch(`/Groups/${groupId}`, patchOf({ op: "replace", path: "displayName", value: `Lock winner ${i} ${suffix()}` }), { "If-Match": etag }),
      ),
    );
    expect(results.filter((r) => r.status === 204)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(7);
  });
});
