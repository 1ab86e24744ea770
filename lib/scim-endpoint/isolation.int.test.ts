// Tenant isolation over real HTTP: account B's token never sees, finds, modifies or deletes account A's users or
// groups, whatever the endpoint, filter or reference.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import {
  asArray,
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
  type ScimResult,
  type ScimServer,
} from "@/lib/testing/scim-http-server";
import { CORE_GROUP, CORE_USER, ERROR, patchOf } from "./idp-replay.fixtures";

const SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

let server: ScimServer;
let a: ScimClient;
let b: ScimClient;
let accountA: string;
let accountB: string;
const A = { userId: "", userName: "", externalId: "", groupId: "", groupName: "" };
const B = { userId: "", groupId: "" };

const suffix = () => crypto.randomBytes(4).toString("hex");

async function created(res: Promise<ScimResult>) {
  const r = await res;
  expect(r.status, r.text).toBe(201);
  return idOf(r);
}

beforeAll(async () => {
  server = await startScimServer();
  const ta = await createAccountWithToken();
  const tb = await createAccountWithToken();
  accountA = ta.account.id;
  accountB = tb.account.id;
  a = scimClient(server.baseUrl, ta.token);
  b = scimClient(server.baseUrl, tb.token);

  A.userName = `shared.${suffix()}@example.com`;
  A.externalId = `ext-${suffix()}`;
  A.userId = await created(a.post("/Users", { schemas: [CORE_USER], userName: A.userName, externalId: A.externalId, title: "A's" }));
  A.groupName = `Group A ${suffix()}`;
  A.groupId = await created(a.post("/Groups", { schemas: [CORE_GROUP], displayName: A.groupName, members: [{ value: A.userId }] }));
  B.userId = await created(b.post("/Users", { schemas: [CORE_USER], userName: `b.${suffix()}@example.com` }));
  B.groupId = await created(b.post("/Groups", { schemas: [CORE_GROUP], displayName: `Group B ${suffix()}` }));
});

afterAll(async () => {
  await flushScimTokenUseWrites();
  await server.close();
});

/** A's resources exactly as they were created. */
async function expectAUntouched() {
  const user = await db.directoryUser.findUniqueOrThrow({ where: { id: A.userId } });
  expect(user).toMatchObject({ accountId: accountA, userName: A.userName, version: 1, active: true });
  const group = await db.directoryGroup.findUniqueOrThrow({ where: { id: A.groupId } });
  expect(group).toMatchObject({ accountId: accountA, displayName: A.groupName, version: 1 });
  const members = await db.directoryMembership.findMany({ where: { groupId: A.groupId } });
  expect(members.map((m) => m.memberUserId)).toEqual([A.userId]);
}

function expect404(res: ScimResult) {
  expect(res.status, res.text).toBe(404);
  expect(res.body).toMatchObject({ schemas: [ERROR], status: "404" });
}

describe("isolation between accounts", () => {
  it("B cannot read A's user or group by id", async () => {
    expect404(await b.get(`/Users/${A.userId}`));
    expect404(await b.get(`/Groups/${A.groupId}`));
    // Sanity: A can.
    expect((await a.get(`/Users/${A.userId}`)).status).toBe(200);
  });

  it("B's lists, filters and searches never return A's resources", async () => {
    const users = await b.get("/Users");
    expect(resourcesOf(users).map((r) => r.id)).toEqual([B.userId]);
    expect(bodyOf(users).totalResults).toBe(1);
    expect(resourcesOf(await b.get("/Groups")).map((r) => r.id)).toEqual([B.groupId]);
    for (const filter of [`userName eq ${q(A.userName)}`, `externalId eq ${q(A.externalId)}`, `id eq ${q(A.userId)}`, 'title eq "A\'s"', "userName pr"]) {
      const res = await b.get(`/Users${filterQuery(filter)}`);
      expect(res.status, res.text).toBe(200);
      expect(resourcesOf(res).map((r) => r.id), filter).not.toContain(A.userId);
    }
    expect(bodyOf(await b.get(`/Groups${filterQuery(`displayName eq ${q(A.groupName)}`)}`)).totalResults).toBe(0);
    expect(bodyOf(await b.get(`/Groups${filterQuery(`members.value eq ${q(A.userId)}`)}`)).totalResults).toBe(0);
    const root = await b.post("/.search", { schemas: [SEARCH_REQUEST] });
    expect(resourcesOf(root).map((r) => r.id).sort()).toEqual([B.userId, B.groupId].sort());
    const search = await b.post("/Users/.search", { schemas: [SEARCH_REQUEST], filter: `userName eq ${q(A.userName)}` });
    expect(bodyOf(search).totalResults).toBe(0);
  });

  it("B cannot modify or delete A's user or group (404), and A's data stays exactly as it was", async () => {
    expect404(await b.put(`/Users/${A.userId}`, { schemas: [CORE_USER], userName: A.userName, title: "hijacked" }));
    expect404(await b.patch(`/Users/${A.userId}`, patchOf({ op: "replace", path: "active", value: false })));
    expect404(await b.delete(`/Users/${A.userId}`));
    expect404(await b.put(`/Groups/${A.groupId}`, { schemas: [CORE_GROUP], displayName: "hijacked" }));
    expect404(await b.patch(`/Groups/${A.groupId}`, patchOf({ op: "remove", path: "members" })));
    expect404(await b.patch(`/Groups/${A.groupId}`, patchOf({ op: "add", path: "members", value: [{ value: B.userId }] })));
    expect404(await b.delete(`/Groups/${A.groupId}`));
    const bulk = await b.post("/Bulk", {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: "DELETE", path: `/Users/${A.userId}` },
        { method: "PATCH", path: `/Groups/${A.groupId}`, data: patchOf({ op: "replace", path: "displayName", value: "hijacked" }) },
      ],
    });
    expect(bulk.status, bulk.text).toBe(200);
    expect(asArray(bodyOf(bulk).Operations).map((op) => op.status)).toEqual(["404", "404"]);
    await expectAUntouched();
  });

  it("B cannot make A's user (or group) a member of B's group: 400, B's group unchanged", async () => {
    const counts = await db.directoryMembership.count();
    const add = await b.patch(`/Groups/${B.groupId}`, patchOf({ op: "add", path: "members", value: [{ value: A.userId }] }));
    expect(add.status, add.text).toBe(400);
    expect(add.body).toMatchObject({ schemas: [ERROR], scimType: "invalidValue" });
    const nested = await b.patch(`/Groups/${B.groupId}`, patchOf({ op: "add", path: "members", value: [{ value: A.groupId }] }));
    expect(nested.status, nested.text).toBe(400);
    const put = await b.put(`/Groups/${B.groupId}`, { schemas: [CORE_GROUP], displayName: "Group B", members: [{ value: A.userId }] });
    expect(put.status, put.text).toBe(400);
    const post = await b.post("/Groups", { schemas: [CORE_GROUP], displayName: `Sneaky ${suffix()}`, members: [{ value: A.userId }] });
    expect(post.status, post.text).toBe(400);
    expect(await db.directoryMembership.count()).toBe(counts);
    expect(await db.directoryGroup.count({ where: { accountId: accountB } })).toBe(1);
    expect(memberIdsOf(bodyOf(await b.get(`/Groups/${B.groupId}`)))).toEqual([]);
    // Removing A's user from B's group finds nothing to remove and touches nothing of A's.
    const remove = await b.patch(`/Groups/${B.groupId}`, patchOf({ op: "remove", path: `members[value eq ${q(A.userId)}]` }));
    expect(remove.status, remove.text).toBe(204);
    await expectAUntouched();
  });

  it("userName uniqueness is per account: B may create a user with A's userName, and each sees only its own", async () => {
    const res = await b.post("/Users", { schemas: [CORE_USER], userName: A.userName.toUpperCase() });
    expect(res.status, res.text).toBe(201);
    const bId = idOf(res);
    expect(bId).not.toBe(A.userId);
    const seenByA = await a.get(`/Users${filterQuery(`userName eq ${q(A.userName)}`)}`);
    expect(resourcesOf(seenByA).map((r) => r.id)).toEqual([A.userId]);
    const seenByB = await b.get(`/Users${filterQuery(`userName eq ${q(A.userName)}`)}`);
    expect(resourcesOf(seenByB).map((r) => r.id)).toEqual([bId]);
    // Two portal users, one per account.
    expect(await db.user.count({ where: { userNameKey: A.userName.toLowerCase() } })).toBe(2);
    const portalB = await db.directoryUser.findUniqueOrThrow({ where: { id: bId }, include: { portalUser: true } });
    expect(portalB.portalUser?.accountId).toBe(accountB);
    await expectAUntouched();
  });

  it("A's user lists only A's groups", async () => {
    const user = bodyOf(await a.get(`/Users/${A.userId}`));
    expect(asArray(user.groups).map((g) => g.value)).toEqual([A.groupId]);
  });
});
