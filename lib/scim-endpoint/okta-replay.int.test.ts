// Okta's provisioning replayed over real HTTP against real PostgreSQL: lookup before create (upper-cased),
// application/json bodies, 409 on duplicates, PUT profile updates and deactivation, group push, 100-at-a-time
// paging, 404 and 401 errors. Request bodies are in idp-replay.fixtures.ts; see notes/idp-wire.md.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import { generateToken } from "@/lib/tokens/token-format";
import {
  bodyOf,
  createAccountWithToken,
  filterQuery,
  idOf,
  memberIdsOf,
  q,
  resourcesOf,
  scimClient,
  startScimServer,
  type ScimClient,
  type ScimServer,
} from "@/lib/testing/scim-http-server";
import { ERROR, LIST_RESPONSE, okta } from "./idp-replay.fixtures";

const JSON_TYPE = { "Content-Type": "application/json" };

let server: ScimServer;
let client: ScimClient;
let token: string;

beforeAll(async () => {
  server = await startScimServer();
  const created = await createAccountWithToken();
  token = created.token;
  client = scimClient(server.baseUrl, token);
});

afterAll(async () => {
  await flushScimTokenUseWrites();
  await server.close();
});

const suffix = () => crypto.randomBytes(4).toString("hex");

async function createOktaUser(userName = `user.${suffix()}@okta.example`, c: ScimClient = client, withPassword = true) {
  const body = okta.createUser(userName, "Test", "User", `00u${suffix()}`);
  if (!withPassword) delete body.password;
  const res = await c.post("/Users", body, JSON_TYPE);
  expect(res.status, res.text).toBe(201);
  return { id: idOf(res), userName };
}

async function createOktaGroup(displayName = `Okta Group ${suffix()}`) {
  const res = await client.post("/Groups", okta.createGroup(displayName), JSON_TYPE);
  expect(res.status, res.text).toBe(201);
  return { id: idOf(res), displayName };
}

async function memberIds(groupId: string) {
  const res = await client.get(`/Groups/${groupId}`);
  expect(res.status).toBe(200);
  return memberIdsOf(bodyOf(res));
}

const portalUserOf = async (directoryUserId: string) => {
  const row = await db.directoryUser.findUniqueOrThrow({ where: { id: directoryUserId } });
  return db.user.findUniqueOrThrow({ where: { id: row.portalUserId! } });
};

describe("Okta: users", () => {
  it("looks up before creating (upper-cased userName, startIndex=1&count=100), creates with application/json, then finds it", async () => {
    const userName = `jane.${suffix()}@okta.example`;
    const lookup = () => client.get(`/Users${filterQuery(`userName eq ${q(userName.toUpperCase())}`, "&startIndex=1&count=100")}`);

    const before = await lookup();
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 0, startIndex: 1, itemsPerPage: 0 });

    const created = await client.post("/Users", okta.createUser(userName, "Jane", "Doe", "00ujl29u0le5T6Aj10h7"), JSON_TYPE);
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    const id = idOf(created);
    expect(bodyOf(created)).toMatchObject({ userName, displayName: "Jane Doe", locale: "en-US", active: true });
    // The password is accepted (hashed) and never returned; "groups" is readOnly and ignored.
    expect(bodyOf(created)).not.toHaveProperty("password");
    expect(created.text).not.toContain("1mz050nq");

    const after = await lookup();
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(resourcesOf(after)).toMatchObject([{ id, userName }]);
  });

  it("answers a duplicate create (any letter case) with 409 uniqueness and keeps one user", async () => {
    const { userName } = await createOktaUser();
    const again = await client.post("/Users", okta.createUser(userName.toUpperCase(), "Other", "Person", "00uother"), JSON_TYPE);
    expect(again.status, again.text).toBe(409);
    expect(again.body).toMatchObject({ schemas: [ERROR], status: "409", scimType: "uniqueness" });
    expect(await db.directoryUser.count({ where: { userNameKey: userName.toLowerCase() } })).toBe(1);
  });

  it("updates the profile by PUT of the whole user (id, meta and groups echoed back)", async () => {
    const { id, userName } = await createOktaUser();
    const res = await client.put(`/Users/${id}`, okta.replaceUser(id, userName, "Another", "Name", "00uchanged", true), JSON_TYPE);
    expect(res.status, res.text).toBe(200);
    expect(bodyOf(res)).toMatchObject({ id, userName, name: { givenName: "Another", familyName: "Name" }, displayName: "Another Name", externalId: "00uchanged" });
    // meta is the server's, not the echoed one.
    expect(bodyOf(res).meta).not.toMatchObject({ created: "2024-01-05T10:00:00.000Z" });
    expect(res.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(await portalUserOf(id)).toMatchObject({ name: "Another Name", active: true, source: "SCIM" });
  });

  it("deactivates by PUT with active false (wizard apps) and reactivates the same way", async () => {
    const { id, userName } = await createOktaUser();
    const off = await client.put(`/Users/${id}`, okta.replaceUser(id, userName, "Test", "User", "00u1", false), JSON_TYPE);
    expect(off.status, off.text).toBe(200);
    expect(bodyOf(off).active).toBe(false);
    expect((await portalUserOf(id)).active).toBe(false);
    // Okta never deletes: the user still exists and can be looked up.
    expect(bodyOf(await client.get(`/Users${filterQuery(`userName eq ${q(userName)}`)}`)).totalResults).toBe(1);

    const on = await client.put(`/Users/${id}`, okta.replaceUser(id, userName, "Test", "User", "00u1", true), JSON_TYPE);
    expect(on.status, on.text).toBe(200);
    expect((await portalUserOf(id)).active).toBe(true);
  });

  it("deactivates by path-less PATCH {op: replace, value: {active: false}} (gallery apps)", async () => {
    const { id } = await createOktaUser();
    const res = await client.patch(`/Users/${id}`, okta.deactivateUser(), JSON_TYPE);
    expect(res.status, res.text).toBe(200);
    expect(bodyOf(res)).toMatchObject({ id, active: false, name: { givenName: "Test", familyName: "User" } });
    expect((await db.directoryUser.findUniqueOrThrow({ where: { id } })).active).toBe(false);
    expect((await portalUserOf(id)).active).toBe(false);
  });
});

describe("Okta: group push", () => {
  it("creates, renames (path-less replace echoing the id), adds, removes by filter, replaces the member list, PUTs the group", async () => {
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => createOktaUser()));
    const [u1, u2, u3, u4, u5] = users.map((u) => ({ value: u.id, display: u.userName })) as [
      { value: string; display: string },
      { value: string; display: string },
      { value: string; display: string },
      { value: string; display: string },
      { value: string; display: string },
    ];
    const { id } = await createOktaGroup();
    expect(await memberIds(id)).toEqual([]);

    const newName = `Renamed ${suffix()}`;
    const renamed = await client.patch(`/Groups/${id}`, okta.renameGroup(id, newName), JSON_TYPE);
    expect(renamed.status, renamed.text).toBe(204);
    expect(bodyOf(await client.get(`/Groups/${id}`)).displayName).toBe(newName);

    expect((await client.patch(`/Groups/${id}`, okta.addMembers([u1, u2, u3]), JSON_TYPE)).status).toBe(204);
    expect(await memberIds(id)).toEqual([u1.value, u2.value, u3.value].sort());

    expect((await client.patch(`/Groups/${id}`, okta.removeMember(u2.value), JSON_TYPE)).status).toBe(204);
    expect(await memberIds(id)).toEqual([u1.value, u3.value].sort());

    expect((await client.patch(`/Groups/${id}`, okta.replaceMembers([u3, u4]), JSON_TYPE)).status).toBe(204);
    expect(await memberIds(id)).toEqual([u3.value, u4.value].sort());

    const put = await client.put(`/Groups/${id}`, okta.replaceGroup(id, newName, [u4, u5]), JSON_TYPE);
    expect(put.status, put.text).toBe(200);
    expect(memberIdsOf(bodyOf(put))).toEqual([u4.value, u5.value].sort());
    expect(await memberIds(id)).toEqual([u4.value, u5.value].sort());
    expect(await db.directoryMembership.count({ where: { groupId: id } })).toBe(2);

    // A PUT without members empties the group (RFC 7644 §3.5.1: PUT replaces the whole resource).
    const emptied = await client.put(`/Groups/${id}`, { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: newName }, JSON_TYPE);
    expect(emptied.status, emptied.text).toBe(200);
    expect(await memberIds(id)).toEqual([]);
  });

  it("stores members sent inside POST /Groups", async () => {
    const a = await createOktaUser();
    const b = await createOktaUser();
    const res = await client.post(
      "/Groups",
      { ...okta.createGroup(`With members ${suffix()}`), members: [{ value: a.id, display: a.userName }, { value: b.id }] },
      JSON_TYPE,
    );
    expect(res.status, res.text).toBe(201);
    expect(memberIdsOf(bodyOf(res))).toEqual([a.id, b.id].sort());
    expect(await memberIds(idOf(res))).toEqual([a.id, b.id].sort());
  });
});

describe("Okta: membership batches", () => {
  it("adds 1,000 members in one PATCH (Okta's largest batch) and removes 500 with one remove operation each, well within Okta's 60 s", async () => {
    const own = await createAccountWithToken();
    const c = scimClient(server.baseUrl, own.token);
    // The members exist already (seeded directly: this test is about the PATCH, not about 1,000 creates).
    const names = Array.from({ length: 1000 }, (_, i) => `batch.${i}.${suffix()}@okta.example`);
    await db.directoryUser.createMany({
      data: names.map((userName) => ({ accountId: own.account.id, userName, userNameKey: userName.toLowerCase(), attributes: { userName } })),
    });
    const ids = (await db.directoryUser.findMany({ where: { accountId: own.account.id }, select: { id: true } })).map((r) => r.id);
    const created = await c.post("/Groups", okta.createGroup(`Batch ${suffix()}`), JSON_TYPE);
    const groupId = idOf(created);

    let started = Date.now();
    const add = await c.patch(`/Groups/${groupId}`, okta.addMembers(ids.map((value, i) => ({ value, display: names[i]! }))), JSON_TYPE);
    expect(add.status, add.text).toBe(204);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await db.directoryMembership.count({ where: { groupId } })).toBe(1000);

    const removed = ids.slice(0, 500);
    started = Date.now();
    const remove = await c.patch(
      `/Groups/${groupId}`,
      { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: removed.map((id) => ({ op: "remove", path: `members[value eq "${id}"]` })) },
      JSON_TYPE,
    );
    expect(remove.status, remove.text).toBe(204);
    expect(Date.now() - started).toBeLessThan(20_000);
    const group = await c.get(`/Groups/${groupId}`);
    expect(memberIdsOf(bodyOf(group))).toEqual(ids.slice(500).sort());
    const lookup = await c.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent(`id eq ${q(groupId)}`)}`);
    expect(resourcesOf(lookup)[0]).not.toHaveProperty("members");
  });
});

describe("Okta: paging 100 at a time", () => {
  it("pages ~250 users with startIndex/count: integer counters, stable order, no duplicates, no gaps", async () => {
    // An account of its own, so that the total is known exactly.
    const own = await createAccountWithToken();
    const pager = scimClient(server.baseUrl, own.token);
    const total = 250;
    const created: string[] = [];
    for (let i = 0; i < total; i += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, total - i) }, (_, k) => createOktaUser(`page.${String(i + k).padStart(3, "0")}.${suffix()}@okta.example`, pager, false)),
      );
      created.push(...batch.map((u) => u.id));
    }

    const seen: string[] = [];
    for (let startIndex = 1; startIndex <= total; startIndex += 100) {
      const res = await pager.get(`/Users?startIndex=${startIndex}&count=100`);
      expect(res.status).toBe(200);
      const body = bodyOf(res);
      expect(Number.isInteger(body.totalResults) && Number.isInteger(body.startIndex) && Number.isInteger(body.itemsPerPage)).toBe(true);
      expect(res.text).toMatch(/"totalResults":250\b/); // a JSON number, not "250"
      expect(body).toMatchObject({ totalResults: total, startIndex, itemsPerPage: Math.min(100, total - startIndex + 1) });
      const ids = resourcesOf(res).map((r) => String(r.id));
      expect(ids).toHaveLength(body.itemsPerPage as number);
      // The same page read again is the same page (stable ordering).
      expect(resourcesOf(await pager.get(`/Users?startIndex=${startIndex}&count=100`)).map((r) => String(r.id))).toEqual(ids);
      seen.push(...ids);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...created].sort());

    const past = await pager.get(`/Users?startIndex=${total + 1}&count=100`);
    expect(past.body).toMatchObject({ totalResults: total, startIndex: total + 1, itemsPerPage: 0 });
    expect(resourcesOf(past)).toEqual([]);
  });
});

describe("Okta: errors", () => {
  it("answers unknown ids with 404 and a SCIM error body, for every method and both resource types", async () => {
    const unknownUuid = crypto.randomUUID();
    for (const path of [`/Users/${unknownUuid}`, "/Users/b1c794f24f4c49f4b5d503a4cb2686ea", `/Groups/${unknownUuid}`, "/Groups/not-an-id"]) {
      for (const res of [
        await client.get(path),
        await client.put(path, path.startsWith("/Users") ? okta.createUser(`x.${suffix()}@okta.example`, "X", "Y", "00ux") : okta.createGroup("X"), JSON_TYPE),
        await client.patch(path, okta.deactivateUser(), JSON_TYPE),
        await client.delete(path),
      ]) {
        expect(res.status, `${path}: ${res.text}`).toBe(404);
        expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
        expect(res.body).toMatchObject({ schemas: [ERROR], status: "404" });
      }
    }
  });

  it("answers a missing or wrong token with 401, a SCIM error body and WWW-Authenticate: Bearer", async () => {
    const cases = [
      scimClient(server.baseUrl, null).get("/Users"),
      scimClient(server.baseUrl, generateToken()).get("/Users"),
      scimClient(server.baseUrl, "not-a-token").get("/Users"),
      scimClient(server.baseUrl, null).get("/Users", undefined, { Authorization: `Basic ${Buffer.from(`user:${token}`).toString("base64")}` }),
      scimClient(server.baseUrl, generateToken()).post("/Users", okta.createUser(`x.${suffix()}@okta.example`, "X", "Y", "00ux"), JSON_TYPE),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status, res.text).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
      expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
      expect(res.body).toMatchObject({ schemas: [ERROR], status: "401" });
    }
    // Nothing was created by the refused POST.
    expect(await db.directoryUser.count({ where: { userName: { startsWith: "x." } } })).toBe(0);
  });
});
