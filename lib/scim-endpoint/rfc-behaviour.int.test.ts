// RFC 7643 / RFC 7644 behaviour of the SCIM API, one test per behaviour, over real HTTP against real PostgreSQL.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";
import { userNameKey } from "@/lib/users/user-name";
import {
  asArray,
  asObject,
  bodyOf,
  createAccountWithToken,
  filterQuery,
  idOf,
  memberIdsOf,
  q,
  resourcesOf,
  scimClient,
  startScimServer,
  type JsonObject,
  type ScimClient,
  type ScimResult,
  type ScimServer,
} from "@/lib/testing/scim-http-server";
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, ERROR, LIST_RESPONSE, patchOf } from "./idp-replay.fixtures";
import { scimBaseUrl } from "./handle-request";
import { SERVICE_PROVIDER_CONFIG } from "./service-provider";

const SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

let server: ScimServer;
/** The main account: free-for-all resources. */
let client: ScimClient;
let accountId: string;
/** An account holding exactly the four filter fixtures below, so that result sets are exact. */
let fx: ScimClient;
const fxIds: Record<"alice" | "bob" | "carol" | "dave", string> = { alice: "", bob: "", carol: "", dave: "" };

const suffix = () => crypto.randomBytes(4).toString("hex");

const user = (userName: string, extra: JsonObject = {}): JsonObject => ({ schemas: [CORE_USER], userName, ...extra });
const group = (displayName: string, extra: JsonObject = {}): JsonObject => ({ schemas: [CORE_GROUP], displayName, ...extra });

async function createUser(body: JsonObject = user(`u.${suffix()}@example.com`), c: ScimClient = client) {
  const res = await c.post("/Users", body);
  expect(res.status, res.text).toBe(201);
  return idOf(res);
}

async function createGroup(body: JsonObject = group(`G ${suffix()}`), c: ScimClient = client) {
  const res = await c.post("/Groups", body);
  expect(res.status, res.text).toBe(201);
  return idOf(res);
}

/** Rows of every table a SCIM request can write, for "nothing changed" assertions. */
async function snapshotCounts() {
  await flushScimTokenUseWrites(); // a token's first use is audited in the background
  const [users, groups, memberships, portalUsers, audit, versions] = await Promise.all([
    db.directoryUser.count(),
    db.directoryGroup.count(),
    db.directoryMembership.count(),
    db.user.count(),
    db.auditEvent.count(),
    db.directoryUser.aggregate({ _sum: { version: true } }),
  ]);
  const groupVersions = await db.directoryGroup.aggregate({ _sum: { version: true } });
  return { users, groups, memberships, portalUsers, audit, userVersions: versions._sum.version, groupVersions: groupVersions._sum.version };
}

function expectScimError(res: ScimResult, status: number, scimType?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
  expect(res.body).toMatchObject({ schemas: [ERROR], status: String(status) });
  expect(typeof bodyOf(res).detail).toBe("string");
  if (scimType !== undefined) expect(bodyOf(res).scimType, res.text).toBe(scimType);
}

beforeAll(async () => {
  server = await startScimServer();
  const main = await createAccountWithToken();
  accountId = main.account.id;
  client = scimClient(server.baseUrl, main.token);

  const fixtures = await createAccountWithToken();
  fx = scimClient(server.baseUrl, fixtures.token);
  fxIds.alice = await createUser(
    user("alice@example.com", {
      externalId: "ExtA",
      name: { givenName: "Alice", familyName: "Smith" },
      title: "Engineer",
      active: true,
      emails: [
        { value: "alice@work.example", type: "work", primary: true },
        { value: "alice@home.example", type: "home" },
      ],
      [ENTERPRISE_USER]: { employeeNumber: "100", department: "R&D" },
    }),
    fx,
  );
  fxIds.bob = await createUser(
    user("bob@example.com", {
      externalId: "extB",
      name: { givenName: "Bob", familyName: "Jones" },
      title: "Manager",
      active: false,
      emails: [{ value: "bob@work.example", type: "work", primary: true }],
      [ENTERPRISE_USER]: { employeeNumber: "200", department: "Sales" },
    }),
    fx,
  );
  fxIds.carol = await createUser(user("carol@example.org", { externalId: "EXTC", name: { givenName: "Carol", familyName: "Smith" }, active: true }), fx);
  fxIds.dave = await createUser(
    user("Dave@example.com", {
      name: { givenName: "Dave", familyName: "Brown" },
      title: "Engineer",
      active: true,
      emails: [{ value: "dave@home.example", type: "home" }],
      [ENTERPRISE_USER]: { department: "Sales" },
    }),
    fx,
  );
});

afterAll(async () => {
  await flushScimTokenUseWrites();
  await server.close();
});

describe("discovery (RFC 7644 §4)", () => {
  it("serves /ServiceProviderConfig truthfully", async () => {
    const res = await client.get("/ServiceProviderConfig");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: SERVICE_PROVIDER_CONFIG.bulk.maxOperations, maxPayloadSize: SERVICE_PROVIDER_CONFIG.bulk.maxPayloadSize },
      filter: { supported: true, maxResults: SERVICE_PROVIDER_CONFIG.filter.maxResults },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: "oauthbearertoken", primary: true }],
      meta: { resourceType: "ServiceProviderConfig" },
    });
  });

  it("serves /ResourceTypes and /ResourceTypes/User", async () => {
    const list = await client.get("/ResourceTypes");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 2 });
    expect(resourcesOf(list).map((r) => r.id)).toEqual(["User", "Group"]);
    const one = await client.get("/ResourceTypes/User");
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "User",
      name: "User",
      endpoint: "/Users",
      schema: CORE_USER,
      schemaExtensions: [
        { schema: ENTERPRISE_USER, required: false },
        { schema: ORGANIZATION_EXTENSION_URN, required: false },
      ],
    });
    expect(bodyOf(await client.get("/ResourceTypes/Group"))).toMatchObject({
      endpoint: "/Groups",
      schema: CORE_GROUP,
      schemaExtensions: [{ schema: ORGANIZATION_EXTENSION_URN, required: false }],
    });
  });

  it("serves /Schemas and /Schemas/{core User URN} with every attribute characteristic", async () => {
    const list = await client.get("/Schemas");
    expect(list.status).toBe(200);
    expect(resourcesOf(list).map((s) => s.id)).toEqual(expect.arrayContaining([CORE_USER, ENTERPRISE_USER, CORE_GROUP, ORGANIZATION_EXTENSION_URN]));
    const one = await client.get(`/Schemas/${CORE_USER}`);
    expect(one.status).toBe(200);
    const schema = bodyOf(one);
    expect(schema).toMatchObject({ id: CORE_USER, name: "User" });
    const userName = asArray(schema.attributes).find((a) => a.name === "userName");
    expect(userName).toMatchObject({ type: "string", required: true, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "server" });
    const password = asArray(schema.attributes).find((a) => a.name === "password");
    expect(password).toMatchObject({ mutability: "writeOnly", returned: "never" });
  });

  it("answers unknown resource types, schemas and endpoints with 404", async () => {
    expectScimError(await client.get("/ResourceTypes/Printer"), 404);
    expectScimError(await client.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Printer"), 404);
    expectScimError(await client.get("/Printers"), 404);
    expectScimError(await client.get("/Users/x/y"), 404);
  });
});

describe("media type (RFC 7644 §3.1, §8.1)", () => {
  it("answers application/scim+json on every response with a body, success or error", async () => {
    const id = await createUser();
    const gid = await createGroup();
    const responses = [
      await client.get("/ServiceProviderConfig"),
      await client.get("/Schemas"),
      await client.get("/ResourceTypes"),
      await client.get("/Users"),
      await client.get(`/Users/${id}`),
      await client.get(`/Groups/${gid}`),
      await client.post("/Users", user(`m.${suffix()}@example.com`)),
      await client.put(`/Users/${id}`, user(`m.${suffix()}@example.com`)),
      await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "title", value: "T" })),
      await client.post("/Users/.search", { schemas: [SEARCH_REQUEST] }),
      await client.post("/.search", { schemas: [SEARCH_REQUEST] }),
      await client.post("/Bulk", { schemas: [BULK_REQUEST], Operations: [] }),
      await client.get(`/Users/${crypto.randomUUID()}`),
      await client.post("/Users", { schemas: [CORE_USER] }),
      await client.send("POST", "/Users", "{", { "Content-Type": "application/scim+json" }),
      await client.send("POST", "/Users", "x", { "Content-Type": "text/plain" }),
      await scimClient(server.baseUrl, null).get("/Users"),
      await client.send("DELETE", "/Users"),
    ];
    for (const res of responses) {
      expect(res.headers.get("content-type"), `${res.status} ${res.text}`).toMatch(/^application\/scim\+json/);
      expect(res.body, res.text).not.toBeNull();
    }
  });
});

describe("filters (RFC 7644 §3.4.2.2)", () => {
  const cases: [string, (keyof typeof fxIds)[]][] = [
    ['userName eq "alice@example.com"', ["alice"]],
    ['userName ne "alice@example.com"', ["bob", "carol", "dave"]],
    ['userName co "example.com"', ["alice", "bob", "dave"]],
    ['userName sw "b"', ["bob"]],
    ['userName ew ".org"', ["carol"]],
    ["title pr", ["alice", "bob", "dave"]],
    [`${ENTERPRISE_USER}:employeeNumber gt "100"`, ["bob"]],
    [`${ENTERPRISE_USER}:employeeNumber ge "100"`, ["alice", "bob"]],
    [`${ENTERPRISE_USER}:employeeNumber lt "200"`, ["alice"]],
    [`${ENTERPRISE_USER}:employeeNumber le "200"`, ["alice", "bob"]],
    ['meta.created gt "2000-01-01T00:00:00Z"', ["alice", "bob", "carol", "dave"]],
    ['meta.created lt "2000-01-01T00:00:00Z"', []],
    ["active eq false", ["bob"]],
    ['title eq "Engineer" and active eq true', ["alice", "dave"]],
    ['userName sw "a" or userName sw "c"', ["alice", "carol"]],
    // An absent attribute makes the comparison false, so its negation is true (carol has no title).
    ['not (title eq "Engineer")', ["bob", "carol"]],
    ['(userName sw "a" or userName sw "b") and active eq true', ["alice"]],
    ['userName sw "a" or (userName sw "b" and active eq true)', ["alice"]],
    ['emails[type eq "work" and value co "alice"]', ["alice"]],
    ['emails[type eq "home"]', ["alice", "dave"]],
    ['emails[type eq "work"].value eq "bob@work.example"', ["bob"]],
    ['name.familyName eq "Smith"', ["alice", "carol"]],
    ['emails.value ew "home.example"', ["alice", "dave"]],
    [`${CORE_USER}:userName eq "bob@example.com"`, ["bob"]],
    [`${CORE_USER}:name.givenName eq "Carol"`, ["carol"]],
    [`${ENTERPRISE_USER}:department eq "Sales"`, ["bob", "dave"]],
    // Attribute names are case-insensitive (RFC 7643 §2.1); userName values too (caseExact false).
    ['USERNAME eq "ALICE@EXAMPLE.COM"', ["alice"]],
    ['Name.FamilyName eq "smith"', ["alice", "carol"]],
    ['EMAILS[TYPE eq "work"].VALUE eq "BOB@WORK.EXAMPLE"', ["bob"]],
    // externalId is caseExact (RFC 7643 §3.1).
    ['externalId eq "ExtA"', ["alice"]],
    ['externalId eq "exta"', []],
    ['externalId eq "EXTC"', ["carol"]],
  ];
  it.each(cases)("%s", async (filter, expected) => {
    const res = await fx.get(`/Users${filterQuery(filter)}`);
    expect(res.status, res.text).toBe(200);
    expect(bodyOf(res).totalResults).toBe(expected.length);
    expect(resourcesOf(res).map((r) => r.id).sort()).toEqual(expected.map((name) => fxIds[name]).sort());
  });

  it("filters groups by displayName and by members.value", async () => {
    const own = await createAccountWithToken();
    const c = scimClient(server.baseUrl, own.token);
    const u = await createUser(user(`gm.${suffix()}@example.com`), c);
    const withMember = await createGroup(group("Engineering", { members: [{ value: u }] }), c);
    await createGroup(group("Sales"), c);
    const byName = await c.get(`/Groups${filterQuery('displayName eq "engineering"')}`);
    expect(resourcesOf(byName).map((g) => g.id)).toEqual([withMember]);
    const byMember = await c.get(`/Groups${filterQuery(`members.value eq ${q(u)}`)}`);
    expect(byMember.status, byMember.text).toBe(200);
    expect(resourcesOf(byMember).map((g) => g.id)).toEqual([withMember]);
  });
});

describe("sorting (RFC 7644 §3.4.2.3)", () => {
  it("sorts by userName ascending (case-insensitively) and descending", async () => {
    const asc = await fx.get("/Users?sortBy=userName");
    expect(resourcesOf(asc).map((r) => r.userName)).toEqual(["alice@example.com", "bob@example.com", "carol@example.org", "Dave@example.com"]);
    const desc = await fx.get("/Users?sortBy=userName&sortOrder=descending");
    expect(resourcesOf(desc).map((r) => r.userName)).toEqual(["Dave@example.com", "carol@example.org", "bob@example.com", "alice@example.com"]);
  });

  it("sorts by a sub-attribute and by a URN-qualified attribute, and refuses an unknown sortBy", async () => {
    const byFamily = resourcesOf(await fx.get("/Users?sortBy=name.familyName&sortOrder=ascending")).map((r) => asObject(r.name).familyName);
    expect(byFamily).toEqual(["Brown", "Jones", "Smith", "Smith"]);
    const byNumber = resourcesOf(await fx.get(`/Users?sortBy=${encodeURIComponent(`${ENTERPRISE_USER}:employeeNumber`)}&filter=${encodeURIComponent(`${ENTERPRISE_USER}:employeeNumber pr`)}&sortOrder=descending`));
    expect(byNumber.map((r) => r.id)).toEqual([fxIds.bob, fxIds.alice]);
    expectScimError(await fx.get("/Users?sortBy=shoeSize"), 400);
    expectScimError(await fx.get("/Users?sortBy=userName&sortOrder=sideways"), 400);
  });
});

describe("pagination (RFC 7644 §3.4.2.4)", () => {
  it("takes startIndex 0 (or negative) as 1", async () => {
    const first = await fx.get("/Users?sortBy=userName&startIndex=1&count=2");
    for (const startIndex of ["0", "-5"]) {
      const res = await fx.get(`/Users?sortBy=userName&startIndex=${startIndex}&count=2`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ totalResults: 4, startIndex: 1, itemsPerPage: 2 });
      expect(resourcesOf(res).map((r) => r.id)).toEqual(resourcesOf(first).map((r) => r.id));
    }
  });

  it("answers count=0 with totalResults only", async () => {
    const res = await fx.get("/Users?count=0");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: 4, itemsPerPage: 0 });
    expect(resourcesOf(res)).toEqual([]);
    const negative = await fx.get("/Users?count=-3");
    expect(negative.body).toMatchObject({ totalResults: 4, itemsPerPage: 0 });
  });

  it("clamps a count above maxResults to maxResults", async () => {
    const own = await createAccountWithToken();
    const max = SERVICE_PROVIDER_CONFIG.filter.maxResults;
    const names = Array.from({ length: max + 5 }, (_, i) => `bulk${String(i).padStart(5, "0")}@example.com`);
    await db.directoryUser.createMany({
      data: names.map((userName) => ({ accountId: own.account.id, userName, userNameKey: userNameKey(userName), attributes: { userName } })),
    });
    const c = scimClient(server.baseUrl, own.token);
    const res = await c.get(`/Users?count=${max * 10}&attributes=userName`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalResults: max + 5, startIndex: 1, itemsPerPage: max });
    expect(resourcesOf(res)).toHaveLength(max);
    // Without count, the server's page is also at most maxResults.
    expect(resourcesOf(await c.get("/Users?attributes=userName"))).toHaveLength(max);
    expect(resourcesOf(await c.get(`/Users?attributes=userName&startIndex=${max + 1}&count=${max}`))).toHaveLength(5);
  });

  it("refuses a startIndex or count that is not an integer", async () => {
    expectScimError(await fx.get("/Users?startIndex=abc"), 400, "invalidValue");
    expectScimError(await fx.get("/Users?count=1.5"), 400, "invalidValue");
  });
});

describe("attributes and excludedAttributes (RFC 7644 §3.4.2.5, §3.9)", () => {
  it("attributes=userName on a list returns schemas, id and userName only", async () => {
    const res = await fx.get("/Users?attributes=userName");
    expect(res.status).toBe(200);
    for (const r of resourcesOf(res)) expect(Object.keys(r).sort()).toEqual(["id", "schemas", "userName"]);
  });

  it("attributes and excludedAttributes on a single GET, with sub-attributes and URN-qualified names", async () => {
    const one = await fx.get(`/Users/${fxIds.alice}?attributes=userName,name.givenName,${ENTERPRISE_USER}:department`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      schemas: [CORE_USER, ENTERPRISE_USER],
      id: fxIds.alice,
      userName: "alice@example.com",
      name: { givenName: "Alice" },
      [ENTERPRISE_USER]: { department: "R&D" },
    });
    const excluded = bodyOf(await fx.get(`/Users/${fxIds.alice}?excludedAttributes=emails,name,${ENTERPRISE_USER}`));
    expect(excluded).toMatchObject({ id: fxIds.alice, userName: "alice@example.com", title: "Engineer" });
    expect(excluded).not.toHaveProperty("emails");
    expect(excluded).not.toHaveProperty("name");
    expect(excluded).not.toHaveProperty(ENTERPRISE_USER);
    // id is returned "always": excluding it has no effect (RFC 7643 §2.2).
    expect(bodyOf(await fx.get(`/Users/${fxIds.alice}?excludedAttributes=id`)).id).toBe(fxIds.alice);
  });

  it("excludedAttributes=members returns a group without its members (list and single GET); attributes=displayName too", async () => {
    const u = await createUser();
    const displayName = `Members ${suffix()}`;
    const gid = await createGroup(group(displayName, { members: [{ value: u }] }));
    expect(memberIdsOf(bodyOf(await client.get(`/Groups/${gid}`)))).toEqual([u]);
    const single = bodyOf(await client.get(`/Groups/${gid}?excludedAttributes=members`));
    expect(single).toMatchObject({ id: gid, displayName });
    expect(single).not.toHaveProperty("members");
    const list = await client.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq ${q(displayName)}`)}`);
    expect(resourcesOf(list)).toHaveLength(1);
    expect(resourcesOf(list)[0]).not.toHaveProperty("members");
    const only = bodyOf(await client.get(`/Groups/${gid}?attributes=displayName`));
    expect(only).toEqual({ schemas: [CORE_GROUP], id: gid, displayName });
  });
});

describe("POST /.search (RFC 7644 §3.4.3)", () => {
  it("searches /Users with a SearchRequest body (filter, sortBy, startIndex, count, attributes)", async () => {
    const res = await fx.post("/Users/.search", {
      schemas: [SEARCH_REQUEST],
      filter: 'title eq "Engineer"',
      sortBy: "userName",
      sortOrder: "descending",
      startIndex: 1,
      count: 10,
      attributes: ["userName"],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 2, startIndex: 1, itemsPerPage: 2 });
    expect(resourcesOf(res)).toEqual([
      { schemas: [CORE_USER], id: fxIds.dave, userName: "Dave@example.com" },
      { schemas: [CORE_USER], id: fxIds.alice, userName: "alice@example.com" },
    ]);
    expectScimError(await fx.post("/Users/.search", { filter: "title pr" }), 400, "invalidSyntax");
    expectScimError(await fx.get("/Users/.search"), 405);
  });

  it("searches every resource type at the root; a filter one type cannot evaluate matches none of that type", async () => {
    const own = await createAccountWithToken();
    const c = scimClient(server.baseUrl, own.token);
    const u1 = await createUser(user("root.one@example.com"), c);
    const u2 = await createUser(user("root.two@example.com"), c);
    const g = await createGroup(group("Root Group"), c);
    const all = await c.post("/.search", { schemas: [SEARCH_REQUEST] });
    expect(all.status, all.text).toBe(200);
    expect(all.body).toMatchObject({ totalResults: 3, itemsPerPage: 3 });
    expect(resourcesOf(all).map((r) => r.id).sort()).toEqual([u1, u2, g].sort());
    const users = await c.post("/.search", { schemas: [SEARCH_REQUEST], filter: 'userName sw "root.o"' });
    expect(resourcesOf(users).map((r) => r.id)).toEqual([u1]);
    const groups = await c.post("/.search", { schemas: [SEARCH_REQUEST], filter: 'displayName eq "Root Group"' });
    expect(resourcesOf(groups).map((r) => r.id)).toEqual([g]);
    const paged = await c.post("/.search", { schemas: [SEARCH_REQUEST], startIndex: 2, count: 2 });
    expect(paged.body).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 2 });
    expectScimError(await c.post("/.search", { schemas: [SEARCH_REQUEST], filter: "shoeSize eq 3" }), 400, "invalidFilter");
  });
});

describe("versions and preconditions (RFC 7644 §3.14)", () => {
  it("gives every resource an ETag: header on single responses, meta.version everywhere", async () => {
    const created = await client.post("/Users", user(`e.${suffix()}@example.com`));
    const id = idOf(created);
    const etag = created.headers.get("etag");
    expect(etag).toMatch(/^W\/".+"$/);
    expect(asObject(bodyOf(created).meta).version).toBe(etag);
    const got = await client.get(`/Users/${id}`);
    expect(got.headers.get("etag")).toBe(etag);
    const listed = resourcesOf(await client.get(`/Users${filterQuery(`id eq ${q(id)}`)}`));
    expect(listed.map((r) => asObject(r.meta).version)).toEqual([etag]);
    const patched = await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "title", value: "New" }));
    expect(patched.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(patched.headers.get("etag")).not.toBe(etag);
    const gid = await createGroup();
    const g = await client.get(`/Groups/${gid}`);
    expect(g.headers.get("etag")).toBe(asObject(bodyOf(g).meta).version);
    const gp = await client.patch(`/Groups/${gid}`, patchOf({ op: "replace", path: "displayName", value: `R ${suffix()}` }));
    expect(gp.status).toBe(204);
    expect(gp.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(gp.headers.get("etag")).not.toBe(g.headers.get("etag"));
  });

  it("sets Location and ETag on a create even when ?attributes= leaves meta out of the body (RFC 7644 §3.3)", async () => {
    const res = await client.post("/Users?attributes=userName", user(`loc.${suffix()}@example.com`));
    expect(res.status, res.text).toBe(201);
    const id = idOf(res);
    expect(Object.keys(bodyOf(res)).sort()).toEqual(["id", "schemas", "userName"]);
    expect(res.headers.get("location")).toBe(`${scimBaseUrl()}/Users/${id}`);
    expect(res.headers.get("etag")).toBe('W/"1"');
    const g = await client.post("/Groups?excludedAttributes=meta", group(`Loc ${suffix()}`));
    expect(g.status, g.text).toBe(201);
    expect(bodyOf(g)).not.toHaveProperty("meta");
    expect(g.headers.get("location")).toBe(`${scimBaseUrl()}/Groups/${idOf(g)}`);
  });

  it("refuses PUT, PATCH and DELETE with a stale If-Match with 412, changing nothing", async () => {
    const id = await createUser(user(`s.${suffix()}@example.com`, { title: "Original" }));
    const stale = (await client.get(`/Users/${id}`)).headers.get("etag")!;
    const current = (await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "title", value: "Second" }))).headers.get("etag")!;
    const before = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    const counts = await snapshotCounts();

    expectScimError(await client.put(`/Users/${id}`, user(before.userName, { title: "Lost" }), { "If-Match": stale }), 412);
    expectScimError(await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "title", value: "Lost" }), { "If-Match": stale }), 412);
    expectScimError(await client.delete(`/Users/${id}`, undefined, { "If-Match": stale }), 412);

    const after = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(after).toEqual(before);
    expect(await snapshotCounts()).toEqual(counts);
    expect(bodyOf(await client.get(`/Users/${id}`)).title).toBe("Second");

    const ok = await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "title", value: "Third" }), { "If-Match": current });
    expect(ok.status, ok.text).toBe(200);
    expect(bodyOf(ok).title).toBe("Third");
    const star = await client.put(`/Users/${id}`, user(before.userName, { title: "Fourth" }), { "If-Match": "*" });
    expect(star.status, star.text).toBe(200);
    expect((await client.delete(`/Users/${id}`, undefined, { "If-Match": star.headers.get("etag")! })).status).toBe(204);
  });

  it("answers a GET with If-None-Match naming the current version 304, and 200 when stale", async () => {
    const id = await createUser();
    const etag = (await client.get(`/Users/${id}`)).headers.get("etag")!;
    const notModified = await client.get(`/Users/${id}`, undefined, { "If-None-Match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);
    await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "title", value: "Changed" }));
    const modified = await client.get(`/Users/${id}`, undefined, { "If-None-Match": etag });
    expect(modified.status).toBe(200);
    expect(bodyOf(modified).title).toBe("Changed");
  });

  it("changes a group's version when a member user or member group is deleted (its members changed)", async () => {
    const u = await createUser();
    const child = await createGroup();
    const gid = await createGroup(group(`Parent ${suffix()}`, { members: [{ value: u }, { value: child }] }));
    const first = await client.get(`/Groups/${gid}`);
    expect(memberIdsOf(bodyOf(first))).toEqual([u, child].sort());
    expect((await client.delete(`/Users/${u}`)).status).toBe(204);
    const second = await client.get(`/Groups/${gid}`, undefined, { "If-None-Match": first.headers.get("etag")! });
    expect(second.status).toBe(200);
    expect(memberIdsOf(bodyOf(second))).toEqual([child]);
    expect(second.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(asObject(bodyOf(second).meta).lastModified).not.toBe(asObject(bodyOf(first).meta).lastModified);
    expect((await client.delete(`/Groups/${child}`)).status).toBe(204);
    const third = await client.get(`/Groups/${gid}`, undefined, { "If-None-Match": second.headers.get("etag")! });
    expect(third.status).toBe(200);
    expect(memberIdsOf(bodyOf(third))).toEqual([]);
  });

  it("applies a stale If-Match on groups too (412, members unchanged)", async () => {
    const u = await createUser();
    const gid = await createGroup();
    const stale = (await client.get(`/Groups/${gid}`)).headers.get("etag")!;
    expect((await client.patch(`/Groups/${gid}`, patchOf({ op: "add", path: "members", value: [{ value: u }] }))).status).toBe(204);
    const other = await createUser();
    expectScimError(await client.patch(`/Groups/${gid}`, patchOf({ op: "add", path: "members", value: [{ value: other }] }), { "If-Match": stale }), 412);
    expect(memberIdsOf(bodyOf(await client.get(`/Groups/${gid}`)))).toEqual([u]);
  });
});

describe("PATCH (RFC 7644 §3.5.2)", () => {
  it("is all or nothing: an invalid second operation is 400 and the first is not applied", async () => {
    const id = await createUser(user(`a.${suffix()}@example.com`, { title: "Before" }));
    const before = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    const counts = await snapshotCounts();
    const res = await client.patch(
      `/Users/${id}`,
      patchOf({ op: "replace", path: "title", value: "After" }, { op: "replace", path: "shoeSize", value: 42 }),
    );
    expectScimError(res, 400);
    expect(await db.directoryUser.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await snapshotCounts()).toEqual(counts);
    expect(bodyOf(await client.get(`/Users/${id}`)).title).toBe("Before");
  });

  it("is all or nothing for group members: a valid add followed by an unknown member adds nobody", async () => {
    const u = await createUser();
    const gid = await createGroup();
    const counts = await snapshotCounts();
    const res = await client.patch(
      `/Groups/${gid}`,
      patchOf({ op: "add", path: "members", value: [{ value: u }] }, { op: "add", path: "members", value: [{ value: crypto.randomUUID() }] }),
    );
    expectScimError(res, 400, "invalidValue");
    expect(await snapshotCounts()).toEqual(counts);
    expect(memberIdsOf(bodyOf(await client.get(`/Groups/${gid}`)))).toEqual([]);
  });

  it("refuses to remove a required attribute (400 mutability) and to write a readOnly one", async () => {
    const id = await createUser();
    expectScimError(await client.patch(`/Users/${id}`, patchOf({ op: "remove", path: "userName" })), 400, "mutability");
    expectScimError(await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "id", value: "x" })), 400, "mutability");
    expectScimError(await client.patch(`/Users/${id}`, patchOf({ op: "remove", path: 'emails[type eq "nope"]' })), 400, "noTarget");
  });
});

describe("PUT (RFC 7644 §3.5.1)", () => {
  it("replaces the resource: attributes not sent are removed", async () => {
    const userName = `p.${suffix()}@example.com`;
    const id = await createUser(
      user(userName, { title: "Title", nickName: "Nick", emails: [{ value: "p@example.com", type: "work" }], [ENTERPRISE_USER]: { department: "D" } }),
    );
    const res = await client.put(`/Users/${id}`, user(userName, { displayName: "Only This" }));
    expect(res.status, res.text).toBe(200);
    const after = bodyOf(await client.get(`/Users/${id}`));
    expect(after).toMatchObject({ id, userName, displayName: "Only This" });
    for (const gone of ["title", "nickName", "emails", ENTERPRISE_USER]) expect(after).not.toHaveProperty(gone);
    expect(after.schemas).toEqual([CORE_USER]);
  });
});

describe("attribute characteristics (RFC 7643 §2.2, §4.1.1)", () => {
  it("ignores readOnly attributes (id, meta, groups) in a POST", async () => {
    const gid = await createGroup();
    const res = await client.post(
      "/Users",
      user(`r.${suffix()}@example.com`, {
        id: "client-chosen-id",
        meta: { created: "2000-01-01T00:00:00Z", lastModified: "2000-01-01T00:00:00Z", version: 'W/"99"', resourceType: "Group" },
        groups: [{ value: gid, display: "G" }],
      }),
    );
    expect(res.status, res.text).toBe(201);
    const body = bodyOf(res);
    expect(body.id).not.toBe("client-chosen-id");
    const meta = asObject(body.meta);
    expect(meta.resourceType).toBe("User");
    expect(meta.version).not.toBe('W/"99"');
    expect(new Date(String(meta.created)).getFullYear()).toBeGreaterThan(2000);
    expect(body).not.toHaveProperty("groups");
    expect(memberIdsOf(bodyOf(await client.get(`/Groups/${gid}`)))).toEqual([]);
  });

  it("accepts a password, stores only an Argon2 hash, and never returns it", async () => {
    const secret = `Cleartext-${suffix()}-Pass!`;
    const res = await client.post("/Users", user(`pw.${suffix()}@example.com`, { password: secret }));
    expect(res.status, res.text).toBe(201);
    const id = idOf(res);
    expect(res.text).not.toContain(secret);
    expect(bodyOf(res)).not.toHaveProperty("password");
    const got = await client.get(`/Users/${id}?attributes=password,userName`);
    expect(got.text).not.toContain(secret);
    expect(bodyOf(got)).not.toHaveProperty("password");
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(secret);
    expect(JSON.stringify(row.attributes)).not.toContain(secret);
    expect(await verifyPassword(row.passwordHash!, secret)).toBe(true);
    // Nor in the audit trail.
    const events = await db.auditEvent.findMany({ where: { accountId }, select: { before: true, after: true } });
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(secret);

    const changed = await client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "password", value: "Another-Secret-1" }));
    expect(changed.status, changed.text).toBe(200);
    expect(changed.text).not.toContain("Another-Secret-1");
    const after = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(await verifyPassword(after.passwordHash!, "Another-Secret-1")).toBe(true);
    // Okta's password sync: a path-less replace.
    const synced = await client.patch(`/Users/${id}`, patchOf({ op: "replace", value: { password: "Third-Secret-22" } }), { "Content-Type": "application/json" });
    expect(synced.status, synced.text).toBe(200);
    const last = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(await verifyPassword(last.passwordHash!, "Third-Secret-22")).toBe(true);
    expect(last.version).toBe(after.version + 1);
  });

  it("lists a user's direct and indirect (nested) groups in `groups`", async () => {
    const u = await createUser();
    const inner = await createGroup(group(`Inner ${suffix()}`, { members: [{ value: u }] }));
    const outer = await createGroup(group(`Outer ${suffix()}`, { members: [{ value: inner, type: "Group" }] }));
    const top = await createGroup(group(`Top ${suffix()}`, { members: [{ value: outer }] }));
    const res = await client.get(`/Users/${u}`);
    const groups = asArray(bodyOf(res).groups).map((g) => ({ value: g.value, type: g.type }));
    expect(groups.sort((a, b) => String(a.value).localeCompare(String(b.value)))).toEqual(
      [
        { value: inner, type: "direct" },
        { value: outer, type: "indirect" },
        { value: top, type: "indirect" },
      ].sort((a, b) => a.value.localeCompare(b.value)),
    );
    // The same through a list, and the group's own member list names the nested group as a Group.
    const listed = resourcesOf(await client.get(`/Users${filterQuery(`id eq ${q(u)}`)}`));
    expect(asArray(listed[0]?.groups).map((g) => g.value).sort()).toEqual([inner, outer, top].sort());
    expect(asArray(bodyOf(await client.get(`/Groups/${outer}`)).members)).toMatchObject([{ value: inner, type: "Group" }]);
  });
});

describe("bulk (RFC 7644 §3.7)", () => {
  it("resolves bulkId references: a group whose members reference a user created in the same request", async () => {
    const userName = `bulk.${suffix()}@example.com`;
    const displayName = `Bulk group ${suffix()}`;
    const res = await client.post("/Bulk", {
      schemas: [BULK_REQUEST],
      Operations: [
        // The group comes first: it waits for the user it refers to.
        { method: "POST", path: "/Groups", bulkId: "grp", data: group(displayName, { members: [{ type: "User", value: "bulkId:usr" }] }) },
        { method: "POST", path: "/Users", bulkId: "usr", data: user(userName) },
      ],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ schemas: [BULK_RESPONSE] });
    const ops = asArray(bodyOf(res).Operations);
    expect(ops).toMatchObject([
      { method: "POST", bulkId: "grp", status: "201" },
      { method: "POST", bulkId: "usr", status: "201" },
    ]);
    const userLocation = String(ops[1]?.location);
    const groupLocation = String(ops[0]?.location);
    const userId = userLocation.split("/").pop()!;
    const groupId = groupLocation.split("/").pop()!;
    expect(bodyOf(await client.get(`/Users/${userId}`)).userName).toBe(userName);
    expect(memberIdsOf(bodyOf(await client.get(`/Groups/${groupId}`)))).toEqual([userId]);
    // A PATCH in a later bulk can target what the first created, by id.
    const patch = await client.post("/Bulk", {
      schemas: [BULK_REQUEST],
      Operations: [{ method: "PATCH", path: `/Users/${userId}`, data: patchOf({ op: "replace", path: "title", value: "Bulked" }) }],
    });
    expect(asArray(bodyOf(patch).Operations)).toMatchObject([{ method: "PATCH", status: "200" }]);
    expect(bodyOf(await client.get(`/Users/${userId}`)).title).toBe("Bulked");
  });

  it("stops after failOnErrors errors and runs nothing more", async () => {
    const names = [`f1.${suffix()}@example.com`, `f2.${suffix()}@example.com`];
    const res = await client.post("/Bulk", {
      schemas: [BULK_REQUEST],
      failOnErrors: 1,
      Operations: [
        { method: "POST", path: "/Users", bulkId: "bad", data: { schemas: [CORE_USER], title: "no userName" } },
        { method: "POST", path: "/Users", bulkId: "ok1", data: user(names[0]!) },
        { method: "POST", path: "/Users", bulkId: "ok2", data: user(names[1]!) },
      ],
    });
    expect(res.status, res.text).toBe(200);
    const ops = asArray(bodyOf(res).Operations);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ method: "POST", bulkId: "bad", status: "400", response: { schemas: [ERROR], scimType: "invalidValue" } });
    expect(await db.directoryUser.count({ where: { userNameKey: { in: names.map(userNameKey) } } })).toBe(0);
  });

  it("refuses more than maxOperations operations with 413, running none", async () => {
    const counts = await snapshotCounts();
    const max = SERVICE_PROVIDER_CONFIG.bulk.maxOperations;
    const res = await client.post("/Bulk", {
      schemas: [BULK_REQUEST],
      Operations: Array.from({ length: max + 1 }, (_, i) => ({ method: "POST", path: "/Users", bulkId: `b${i}`, data: user(`many${i}.${suffix()}@example.com`) })),
    });
    expectScimError(res, 413);
    expect(await snapshotCounts()).toEqual(counts);
  });

  it("refuses a payload over maxPayloadSize with 413, running none", async () => {
    const counts = await snapshotCounts();
    const big = "x".repeat(SERVICE_PROVIDER_CONFIG.bulk.maxPayloadSize + 10);
    const res = await client.post("/Bulk", {
      schemas: [BULK_REQUEST],
      Operations: [{ method: "POST", path: "/Users", bulkId: "big", data: user(`big.${suffix()}@example.com`, { nickName: big }) }],
    });
    expectScimError(res, 413);
    expect(await snapshotCounts()).toEqual(counts);
  });
});

describe("errors (RFC 7644 §3.12): 4xx, a SCIM error body, and nothing changed", () => {
  it("answers each bad request with the right status and scimType, and leaves the database unchanged", async () => {
    const id = await createUser();
    const gid = await createGroup();
    const counts = await snapshotCounts();
    const deep = `${"(".repeat(40)}userName eq "a"${")".repeat(40)}`;
    const long = `userName eq "${"a".repeat(5000)}"`;
    const cases: [string, () => Promise<ScimResult>, number, string | undefined][] = [
      ["malformed JSON", () => client.send("POST", "/Users", '{"schemas": [', { "Content-Type": "application/scim+json" }), 400, "invalidSyntax"],
      ["empty body", () => client.send("POST", "/Users", "", { "Content-Type": "application/scim+json" }), 400, "invalidSyntax"],
      ["a JSON array body", () => client.post("/Users", [user("arr@example.com")]), 400, "invalidSyntax"],
      ["no schemas", () => client.post("/Users", { userName: "n@example.com" }), 400, "invalidSyntax"],
      ["userName of the wrong type", () => client.post("/Users", user("x", { userName: 123 })), 400, "invalidValue"],
      ["active of the wrong type", () => client.post("/Users", user(`t.${suffix()}@example.com`, { active: "maybe" })), 400, "invalidValue"],
      ["a complex attribute given a string", () => client.post("/Users", user(`t.${suffix()}@example.com`, { name: "Alice" })), 400, "invalidValue"],
      ["two primary emails", () => client.post("/Users", user(`t.${suffix()}@example.com`, { emails: [{ value: "a@x", primary: true }, { value: "b@x", primary: true }] })), 400, "invalidValue"],
      ["an unknown schema URN", () => client.post("/Users", { schemas: [CORE_USER, "urn:example:unknown:2.0:Thing"], userName: `s.${suffix()}@example.com` }), 400, "invalidValue"],
      ["an unknown attribute", () => client.post("/Users", user(`u.${suffix()}@example.com`, { shoeSize: 42 })), 400, "invalidValue"],
      ["an unknown sub-attribute", () => client.post("/Users", user(`u.${suffix()}@example.com`, { name: { nickname: "x" } })), 400, "invalidValue"],
      ["a missing userName", () => client.post("/Users", { schemas: [CORE_USER], title: "x" }), 400, "invalidValue"],
      ["a group without displayName", () => client.post("/Groups", { schemas: [CORE_GROUP] }), 400, "invalidValue"],
      ["a group member that does not exist", () => client.post("/Groups", group(`E ${suffix()}`, { members: [{ value: crypto.randomUUID() }] })), 400, "invalidValue"],
      ["a PUT with the wrong type", () => client.put(`/Users/${id}`, user("x", { active: 3 })), 400, "invalidValue"],
      ["a PATCH without schemas", () => client.patch(`/Users/${id}`, { Operations: [{ op: "replace", path: "title", value: "x" }] }), 400, "invalidSyntax"],
      ["a PATCH with an unknown op", () => client.patch(`/Users/${id}`, patchOf({ op: "merge", path: "title", value: "x" })), 400, "invalidSyntax"],
      ["a PATCH with a bad path", () => client.patch(`/Users/${id}`, patchOf({ op: "replace", path: "emails[type eq]", value: "x" })), 400, undefined],
      ["a group PATCH adding itself", () => client.patch(`/Groups/${gid}`, patchOf({ op: "add", path: "members", value: [{ value: gid }] })), 400, "invalidValue"],
      ["a filter syntax error", () => client.get(`/Users${filterQuery("userName eq")}`), 400, "invalidFilter"],
      ["an unknown filter operator", () => client.get(`/Users${filterQuery('userName xx "a"')}`), 400, "invalidFilter"],
      ["an unbalanced parenthesis", () => client.get(`/Users${filterQuery('(userName eq "a"')}`), 400, "invalidFilter"],
      ["a filter on an unknown attribute", () => client.get(`/Users${filterQuery('shoeSize eq "a"')}`), 400, "invalidFilter"],
      ["a filter of 5000 characters", () => client.get(`/Users${filterQuery(long)}`), 400, "invalidFilter"],
      ["a filter nested 40 deep", () => client.get(`/Users${filterQuery(deep)}`), 400, "invalidFilter"],
      ["a bad filter in .search", () => client.post("/Users/.search", { schemas: [SEARCH_REQUEST], filter: "userName eq" }), 400, "invalidFilter"],
      ["text/plain", () => client.send("POST", "/Users", JSON.stringify(user("ct@example.com")), { "Content-Type": "text/plain" }), 415, undefined],
      ["application/xml on PATCH", () => client.send("PATCH", `/Users/${id}`, "<x/>", { "Content-Type": "application/xml" }), 415, undefined],
      ["a method the endpoint lacks", () => client.send("PUT", "/Users", JSON.stringify(user("m@example.com"))), 405, undefined],
      ["/Me", () => client.get("/Me"), 501, undefined],
      ["a bulk without Operations", () => client.post("/Bulk", { schemas: [BULK_REQUEST] }), 400, "invalidSyntax"],
    ];
    for (const [label, send, status, scimType] of cases) {
      const res = await send();
      expect(res.status, `${label}: ${res.text}`).toBe(status);
      expect(res.headers.get("content-type"), label).toMatch(/^application\/scim\+json/);
      expect(res.body, label).toMatchObject({ schemas: [ERROR], status: String(status) });
      if (scimType !== undefined) expect(bodyOf(res).scimType, `${label}: ${res.text}`).toBe(scimType);
    }
    expect(await snapshotCounts()).toEqual(counts);
  });

  it("answers a user create that clashes with another's userName (any case) 409, changing nothing", async () => {
    const userName = `Clash.${suffix()}@Example.com`;
    await createUser(user(userName));
    const counts = await snapshotCounts();
    expectScimError(await client.post("/Users", user(userName.toLowerCase())), 409, "uniqueness");
    const other = await createUser();
    const after = await snapshotCounts();
    expectScimError(await client.put(`/Users/${other}`, user(userName.toUpperCase())), 409, "uniqueness");
    expectScimError(await client.patch(`/Users/${other}`, patchOf({ op: "replace", path: "userName", value: userName })), 409, "uniqueness");
    expect(await snapshotCounts()).toEqual(after);
    expect(after.users).toBe(counts.users + 1);
  });

  it("answers a group create that clashes with another's displayName 409", async () => {
    const displayName = `Unique ${suffix()}`;
    await createGroup(group(displayName));
    const counts = await snapshotCounts();
    expectScimError(await client.post("/Groups", group(displayName.toUpperCase())), 409, "uniqueness");
    expect(await snapshotCounts()).toEqual(counts);
  });
});
