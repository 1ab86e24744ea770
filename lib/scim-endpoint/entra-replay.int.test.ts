// Microsoft Entra ID's provisioning cycle replayed over real HTTP against real PostgreSQL: the connection test,
// matching, creation, both PATCH dialects (default and aadOptscim062020), group pushes and deprovisioning.
// Request bodies are in idp-replay.fixtures.ts; see notes/idp-wire.md.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser } from "@/lib/testing/fixtures";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
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
  type ScimClient,
  type ScimServer,
} from "@/lib/testing/scim-http-server";
import { scimBaseUrl } from "./handle-request";
import { CORE_USER, ENTERPRISE_USER, entra, ERROR, LIST_RESPONSE, patchOf } from "./idp-replay.fixtures";

let server: ScimServer;
let client: ScimClient;
let accountId: string;

beforeAll(async () => {
  server = await startScimServer();
  const { account, token } = await createAccountWithToken();
  accountId = account.id;
  client = scimClient(server.baseUrl, token);
});

afterAll(async () => {
  await flushScimTokenUseWrites();
  await server.close();
});

const guid = () => crypto.randomUUID();

/** Creates a user the way Entra does; returns its id. */
async function createEntraUser(label: string) {
  const userName = `${label}_${guid()}@contoso.com`;
  const externalId = guid();
  const res = await client.post("/Users", entra.createUser(userName, externalId, `${label}@testuser.com`));
  expect(res.status, res.text).toBe(201);
  return { id: idOf(res), userName, externalId, res };
}

async function createEntraGroup(displayName = `Group ${guid()}`) {
  const res = await client.post("/Groups", entra.createGroup(displayName, guid()));
  expect(res.status, res.text).toBe(201);
  return { id: idOf(res), displayName };
}

async function memberIds(groupId: string) {
  const res = await client.get(`/Groups/${groupId}`);
  expect(res.status).toBe(200);
  return memberIdsOf(bodyOf(res));
}

describe("Entra ID: connection test", () => {
  it("answers a userName query for a random GUID with 200 and an empty ListResponse, never 404", async () => {
    const res = await client.get(`/Users${filterQuery(`userName eq ${q(guid())}`)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 0, startIndex: 1, itemsPerPage: 0 });
    expect(resourcesOf(res)).toEqual([]);
  });

  it("answers the group query (excludedAttributes=members, displayName eq) with 200 and an empty ListResponse", async () => {
    const res = await client.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq ${q(guid())}`)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 0 });
    expect(resourcesOf(res)).toEqual([]);
  });
});

describe("Entra ID: users", () => {
  it("creates a user from the documented POST (core + enterprise schemas, roles: [], meta.resourceType): 201, Location, ETag", async () => {
    const userName = `Test_User_${guid()}@contoso.com`;
    const externalId = guid();
    const email = `Test_User_${guid()}@testuser.com`;
    const res = await client.post("/Users", entra.createUser(userName, externalId, email));
    expect(res.status, res.text).toBe(201);
    const body = bodyOf(res);
    const id = idOf(res);
    expect(body).toMatchObject({
      schemas: [CORE_USER],
      id,
      externalId,
      userName,
      active: true,
      emails: [{ primary: true, type: "work", value: email }],
      name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
      meta: { resourceType: "User", location: `${scimBaseUrl()}/Users/${id}` },
    });
    // roles: [] means "no roles" (RFC 7643 §2.5): nothing to return.
    expect(body).not.toHaveProperty("roles");
    expect(res.headers.get("location")).toBe(`${scimBaseUrl()}/Users/${id}`);
    expect(res.headers.get("etag")).toBe(asObject(body.meta).version);
    expect(res.headers.get("etag")).toMatch(/^W\/".+"$/);

    // The directory keeps what Entra wrote; the portal gets a SCIM-sourced user.
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ accountId, userName, externalId, active: true, passwordHash: null });
    expect(row.portalUserId).not.toBeNull();
    const portal = await db.user.findUniqueOrThrow({ where: { id: row.portalUserId! } });
    expect(portal).toMatchObject({ accountId, userName, source: "SCIM", active: true, name: "givenName familyName" });
  });

  it("finds the user by userName eq, by externalId eq (quoted and unquoted) and by emails[type eq \"work\"].value", async () => {
    const { id, userName, externalId } = await createEntraUser("Lookup");
    await createEntraUser("Other");
    for (const filter of [
      `userName eq ${q(userName)}`,
      `externalId eq ${q(externalId)}`,
      `externalId eq ${externalId}`,
      `emails[type eq "work"].value eq "Lookup@testuser.com"`,
    ]) {
      const res = await client.get(`/Users${filterQuery(filter)}`);
      expect(res.status, `${filter}: ${res.text}`).toBe(200);
      expect(bodyOf(res).totalResults, filter).toBe(1);
      expect(resourcesOf(res).map((r) => r.id), filter).toEqual([id]);
    }
  });

  it("applies the default (flag-less) PATCH dialect: capitalised ops, value paths, sub-attribute paths, bare manager id", async () => {
    const manager = await createEntraUser("Manager");
    const { id, res: created } = await createEntraUser("Patched");
    const res = await client.patch(`/Users/${id}`, entra.updateUserNoFlag("updatedEmail@microsoft.com", "updatedFamilyName", "1 Main Street", manager.id));
    expect([200, 204], res.text).toContain(res.status);
    const user = bodyOf(await client.get(`/Users/${id}`));
    expect(user).toMatchObject({
      emails: [{ primary: true, type: "work", value: "updatedEmail@microsoft.com" }],
      name: { givenName: "givenName", familyName: "updatedFamilyName", formatted: "givenName familyName" },
      addresses: [{ type: "work", streetAddress: "1 Main Street", locality: "Redmond", postalCode: "98052", country: "US" }],
      phoneNumbers: [
        { type: "work", value: "+1 425 555 0100" },
        { type: "mobile", value: "+1 425 555 0199" },
      ],
      displayName: "updatedFamilyName Display",
      roles: [{ primary: true, type: "WindowsAzureActiveDirectoryRole", value: "Admin" }],
      [ENTERPRISE_USER]: { manager: { value: manager.id } },
    });
    expect(asArray(user.addresses)).toHaveLength(1);
    expect(user.schemas).toEqual([CORE_USER, ENTERPRISE_USER]);
    // A change is a new version.
    expect(asObject(user.meta).version).not.toBe(created.headers.get("etag"));
    // The portal user follows the new displayName.
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect((await db.user.findUniqueOrThrow({ where: { id: row.portalUserId! } })).name).toBe("updatedFamilyName Display");

    // Remove of an attribute by path (capitalised).
    const removed = await client.patch(`/Users/${id}`, entra.removeAttributeNoFlag(`${ENTERPRISE_USER}:manager`));
    expect([200, 204], removed.text).toContain(removed.status);
    expect(bodyOf(await client.get(`/Users/${id}`))).not.toHaveProperty(ENTERPRISE_USER);
  });

  it("creates a work email with Replace emails[type eq \"work\"].value on a user who has none (RFC 7644 erratum 8097)", async () => {
    const created = await client.post("/Users", { schemas: [CORE_USER], userName: `NoMail_${guid()}@contoso.com`, externalId: guid(), active: true });
    expect(created.status, created.text).toBe(201);
    const id = idOf(created);
    const res = await client.patch(`/Users/${id}`, entra.updateUserNoFlag("first@contoso.com", "Family", "2 Side Street", id));
    expect(res.status, res.text).toBe(200);
    expect(bodyOf(res).emails).toEqual([{ type: "work", value: "first@contoso.com" }]);
    // Found by the email-matching filter right away.
    const found = await client.get(`/Users${filterQuery('emails[type eq "work"].value eq "FIRST@contoso.com"')}`);
    expect(resourcesOf(found).map((r) => r.id)).toEqual([id]);
  });

  it("takes booleans sent as strings (\"False\", \"True\") and deactivates, then reactivates, the portal user", async () => {
    const { id } = await createEntraUser("Flip");
    const off = await client.patch(`/Users/${id}`, entra.disableUserNoFlag());
    expect(off.status, off.text).toBe(200);
    expect(bodyOf(off).active).toBe(false);
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(row.active).toBe(false);
    const portal = await db.user.findUniqueOrThrow({ where: { id: row.portalUserId! } });
    expect(portal.active).toBe(false);
    expect(portal.sessionEpoch).toBeGreaterThan(0); // open sessions end

    const on = await client.patch(`/Users/${id}`, entra.enableUserNoFlag());
    expect(on.status, on.text).toBe(200);
    expect(bodyOf(on).active).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: row.portalUserId! } })).active).toBe(true);
  });

  it("applies the aadOptscim062020 dialect: lower-case path-less replace with dotted and URN-qualified keys, real booleans", async () => {
    const manager = await createEntraUser("FlagManager");
    const { id } = await createEntraUser("Flagged");
    const res = await client.patch(`/Users/${id}`, entra.updateUserWithFlag("Tz8LJ", "0Nbe", "Sales", false, manager.id));
    expect(res.status, res.text).toBe(200);
    expect(bodyOf(res)).toMatchObject({
      active: false,
      // A dotted key replaces that sub-attribute only (RFC 7644 §3.5.2.3): familyName stays.
      name: { givenName: "Tz8LJ", familyName: "familyName" },
      emails: [{ type: "work", primary: true, value: "flagged@contoso.com" }],
      [ENTERPRISE_USER]: { employeeNumber: "0Nbe", department: "Sales", manager: { value: manager.id } },
    });
    const added = await client.patch(`/Users/${id}`, entra.addAttributeWithFlag("Babs"));
    expect(added.status, added.text).toBe(200);
    expect(bodyOf(added)).toMatchObject({ nickName: "Babs", name: { givenName: "Tz8LJ" }, [ENTERPRISE_USER]: { employeeNumber: "0Nbe" } });
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(row.active).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: row.portalUserId! } })).active).toBe(false);
  });
});

describe("Entra ID: groups", () => {
  it("creates a group with Entra's extra schema URN and finds it by displayName with excludedAttributes=members", async () => {
    const member = await createEntraUser("Member");
    const displayName = `Sales ${guid()}`;
    const created = await client.post("/Groups", entra.createGroup(displayName, "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"));
    expect(created.status, created.text).toBe(201);
    const id = idOf(created);
    expect(created.headers.get("location")).toBe(`${scimBaseUrl()}/Groups/${id}`);
    expect(created.headers.get("etag")).toMatch(/^W\/".+"$/);
    expect(bodyOf(created)).toMatchObject({ displayName, externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", meta: { resourceType: "Group" } });
    expect(await client.patch(`/Groups/${id}`, entra.addMembers([member.id]))).toMatchObject({ status: 204 });

    const found = await client.get(`/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq ${q(displayName)}`)}`);
    expect(found.status).toBe(200);
    expect(bodyOf(found).totalResults).toBe(1);
    const [group] = resourcesOf(found);
    expect(group).toMatchObject({ id, displayName });
    expect(group).not.toHaveProperty("members");
  });

  it("adds members (also with \"$ref\": null), removes exactly ONE with the value dialect and keeps the others; answers 204", async () => {
    const users = await Promise.all(["A", "B", "C", "D"].map((l) => createEntraUser(`M${l}`)));
    const [a, b, c, d] = users.map((u) => u.id) as [string, string, string, string];
    const { id } = await createEntraGroup();

    const add = await client.patch(`/Groups/${id}`, entra.addMembers([a, b]));
    expect(add.status, add.text).toBe(204);
    expect(add.text).toBe("");
    const addWithRef = await client.patch(`/Groups/${id}`, entra.addMembers([c, d], true));
    expect(addWithRef.status, addWithRef.text).toBe(204);
    expect(await memberIds(id)).toEqual([a, b, c, d].sort());

    // The well-known outage: a server that ignores "value" here empties the whole group.
    const remove = await client.patch(`/Groups/${id}`, entra.removeMembersNoFlag([b]));
    expect(remove.status, remove.text).toBe(204);
    expect(await memberIds(id)).toEqual([a, c, d].sort());
    expect(await db.directoryMembership.count({ where: { groupId: id } })).toBe(3);

    // With aadOptscim062020: the member in a path filter.
    const removeFlag = await client.patch(`/Groups/${id}`, entra.removeMemberWithFlag(c));
    expect(removeFlag.status, removeFlag.text).toBe(204);
    expect(await memberIds(id)).toEqual([a, d].sort());

    // Entra retries: adding an existing member and removing a non-member are no-ops, not errors.
    expect((await client.patch(`/Groups/${id}`, entra.addMembers([a]))).status).toBe(204);
    expect((await client.patch(`/Groups/${id}`, entra.removeMembersNoFlag([b]))).status).toBe(204);
    expect(await memberIds(id)).toEqual([a, d].sort());

    // The members' users show the group.
    const user = bodyOf(await client.get(`/Users/${a}`));
    expect(asArray(user.groups).map((g) => g.value)).toEqual([id]);
  });

  it("renames a group with Replace displayName (204) and deletes it (204, then 404)", async () => {
    const { id } = await createEntraGroup();
    const renamed = `Renamed ${guid()}`;
    const res = await client.patch(`/Groups/${id}`, entra.renameGroup(renamed));
    expect(res.status, res.text).toBe(204);
    expect(bodyOf(await client.get(`/Groups/${id}`)).displayName).toBe(renamed);
    expect((await client.delete(`/Groups/${id}`)).status).toBe(204);
    const gone = await client.get(`/Groups/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: [ERROR], status: "404" });
  });
});

describe("Entra ID: deprovisioning", () => {
  it("disables with active \"False\", deletes with 204, then answers 404 with a SCIM error; the portal user stays, deactivated", async () => {
    const { id, userName } = await createEntraUser("Leaver");
    const group = await createEntraGroup();
    expect((await client.patch(`/Groups/${group.id}`, entra.addMembers([id]))).status).toBe(204);
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    const portalUserId = row.portalUserId!;
    expect((await db.user.findUniqueOrThrow({ where: { id: portalUserId } })).active).toBe(true);

    const disabled = await client.patch(`/Users/${id}`, entra.disableUserNoFlag());
    expect(disabled.status, disabled.text).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { id: portalUserId } })).active).toBe(false);

    const deleted = await client.delete(`/Users/${id}`);
    expect(deleted.status, deleted.text).toBe(204);
    expect(deleted.text).toBe("");
    const gone = await client.get(`/Users/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("content-type")).toMatch(/^application\/scim\+json/);
    expect(gone.body).toMatchObject({ schemas: [ERROR], status: "404" });
    expect(typeof bodyOf(gone).detail).toBe("string");
    // Not found by a lookup either, and no longer a member.
    expect(bodyOf(await client.get(`/Users${filterQuery(`userName eq ${q(userName)}`)}`)).totalResults).toBe(0);
    expect(await memberIds(group.id)).toEqual([]);

    expect(await db.directoryUser.findUnique({ where: { id } })).toBeNull();
    const portal = await db.user.findUniqueOrThrow({ where: { id: portalUserId } });
    expect(portal).toMatchObject({ userName, active: false, source: "SCIM" });
  });

  it("deletes an active user outright (Entra's hard delete): the portal user is deactivated, not removed", async () => {
    const { id } = await createEntraUser("HardDelete");
    const portalUserId = (await db.directoryUser.findUniqueOrThrow({ where: { id } })).portalUserId!;
    expect((await client.delete(`/Users/${id}`)).status).toBe(204);
    expect((await client.delete(`/Users/${id}`)).status).toBe(404);
    expect(await db.user.findUniqueOrThrow({ where: { id: portalUserId } })).toMatchObject({ active: false });
  });

  it("re-provisions a deleted user (same userName): a new directory user, the same portal user, active again", async () => {
    const { id, userName, externalId } = await createEntraUser("Returner");
    const portalUserId = (await db.directoryUser.findUniqueOrThrow({ where: { id } })).portalUserId!;
    expect((await client.delete(`/Users/${id}`)).status).toBe(204);
    const again = await client.post("/Users", entra.createUser(userName, externalId, "Returner@testuser.com"));
    expect(again.status, again.text).toBe(201);
    expect(idOf(again)).not.toBe(id);
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id: idOf(again) } });
    expect(row.portalUserId).toBe(portalUserId);
    expect(await db.user.findUniqueOrThrow({ where: { id: portalUserId } })).toMatchObject({ active: true, source: "SCIM" });
  });
});

describe("Entra ID: existing portal users", () => {
  it("takes over a portal user who signed in by SSO before provisioning (userName in another case) instead of duplicating it", async () => {
    const email = `early.${guid()}@contoso.com`;
    const existing = await createUser(accountId, { email, source: "SSO" });
    const res = await client.post("/Users", entra.createUser(email.toUpperCase(), guid(), email));
    expect(res.status, res.text).toBe(201);
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id: idOf(res) } });
    expect(row.portalUserId).toBe(existing.id);
    expect(await db.user.count({ where: { accountId, userNameKey: email.toLowerCase() } })).toBe(1);
    expect(await db.user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ source: "SCIM", active: true, userName: email.toUpperCase() });
  });

  it("refuses (409) to rename a user onto another portal user's userName, changing nothing", async () => {
    const other = `other.${guid()}@contoso.com`;
    await createUser(accountId, { email: other, source: "SSO" });
    const { id, userName } = await createEntraUser("Renamer");
    const res = await client.patch(`/Users/${id}`, patchOf({ op: "Replace", path: "userName", value: other }));
    expect(res.status, res.text).toBe(409);
    expect(res.body).toMatchObject({ schemas: [ERROR], scimType: "uniqueness" });
    const row = await db.directoryUser.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ userName, version: 1 });
    expect((await db.user.findUniqueOrThrow({ where: { id: row.portalUserId! } })).userName).toBe(userName);
  });
});
