import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccountWithToken, scimClient, startScimServer } from "@/lib/testing/scim-http-server";
import { createUser } from "@/lib/testing/fixtures";
import { pauseProvisioning, previewResume, resumeProvisioning } from "./pause-resume";
import { deleteProvisioningSetup, previewSetup, saveProvisioningSetup } from "./setup";

// Provisioning end to end through the SCIM API: scope, pause with held changes, resume, the safety valve.

const admin = { type: "USER" as const, label: "admin@example.test" };
let server: Awaited<ReturnType<typeof startScimServer>>;

beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await server.close();
});

const userBody = (userName: string, active = true) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName,
  active,
  name: { givenName: userName.split("@")[0], familyName: "Test" },
  emails: [{ value: userName, type: "work", primary: true }],
});

async function setup() {
  const { account, token } = await createAccountWithToken();
  const scim = scimClient(server.baseUrl, token);
  const version = async () => (await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).version;
  const portal = (userName: string) => db.user.findFirst({ where: { accountId: account.id, userNameKey: userName.toLowerCase() } });
  const createScimUser = async (userName: string, active = true) => {
    const r = await scim.post("/Users", userBody(userName, active));
    expect(r.status).toBe(201);
    return String((r.body as { id: string }).id);
  };
  return { account, scim, version, portal, createScimUser };
}

describe("who gets provisioned", () => {
  it("restricting to a group deactivates everyone outside it (through nesting), after a truthful preview", async () => {
    const { account, scim, version, portal, createScimUser } = await setup();
    const inside = await createScimUser(`inside@${account.domain}`);
    const nested = await createScimUser(`nested@${account.domain}`);
    await createScimUser(`outside@${account.domain}`);
    const child = await scim.post("/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Child", members: [{ value: nested }] });
    const parent = await scim.post("/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Engineering",
      members: [{ value: inside }, { value: String((child.body as { id: string }).id), type: "Group" }],
    });
    const parentId = String((parent.body as { id: string }).id);
    expect((await portal(`outside@${account.domain}`))?.active).toBe(true);

    const rule = { mode: "GROUPS" as const, groupIds: [parentId] };
    const preview = await previewSetup(account.id, rule);
    expect(preview.lose.count).toBe(1);
    expect(preview.lose.sample.map((u) => u.userName)).toEqual([`outside@${account.domain}`]);
    expect(preview.gain.count).toBe(0);

    const summary = await saveProvisioningSetup(account.id, admin, rule, await version());
    expect(summary).toMatchObject({ deactivated: 1 });
    expect((await portal(`outside@${account.domain}`))?.active).toBe(false);
    expect((await portal(`nested@${account.domain}`))?.active).toBe(true);

    // Removing the nested member from its group takes their access away; adding them back restores it.
    expect((await scim.patch(`/Groups/${String((child.body as { id: string }).id)}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "remove", path: `members[value eq "${nested}"]` }] })).status).toBe(204);
    expect((await portal(`nested@${account.domain}`))?.active).toBe(false);
    expect((await scim.patch(`/Groups/${parentId}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: [{ value: nested }] }] })).status).toBe(204);
    expect((await portal(`nested@${account.domain}`))?.active).toBe(true);

    // A user created outside the scope gets no portal account at all.
    await createScimUser(`newcomer@${account.domain}`);
    expect(await portal(`newcomer@${account.domain}`)).toBeNull();
  });

  it("deleting the setup changes nobody's access and holds later changes", async () => {
    const { account, version, portal, createScimUser } = await setup();
    await createScimUser(`kept@${account.domain}`);
    await deleteProvisioningSetup(account.id, admin, await version());
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("ENABLED");
    expect((await portal(`kept@${account.domain}`))?.active).toBe(true);
    await createScimUser(`waiting@${account.domain}`);
    expect(await portal(`waiting@${account.domain}`)).toBeNull();
    expect(await db.heldChange.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("takes over an existing SSO user with the same userName instead of creating a duplicate", async () => {
    const { account, portal, createScimUser } = await setup();
    const sso = await createUser(account.id, { email: `Existing@${account.domain}`, source: "SSO" });
    await createScimUser(`existing@${account.domain}`);
    const user = await portal(`existing@${account.domain}`);
    expect(user?.id).toBe(sso.id);
    expect(user?.source).toBe("SCIM");
    expect(await db.user.count({ where: { accountId: account.id } })).toBe(1);
  });
});

describe("pause and resume", () => {
  it("holds every change while paused, answers the IdP truthfully, and applies each change once on resume", async () => {
    const { account, scim, version, portal, createScimUser } = await setup();
    const alice = await createScimUser(`alice@${account.domain}`);
    const bob = await createScimUser(`bob@${account.domain}`);
    await pauseProvisioning(account.id, admin, await version());

    // During the pause: the directory follows the IdP, portal users do not.
    const patched = await scim.patch(`/Users/${alice}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(patched.status).toBe(200);
    expect((patched.body as { active: boolean }).active).toBe(false);
    expect((await scim.get(`/Users/${alice}`)).body).toMatchObject({ active: false });
    await scim.patch(`/Users/${alice}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "name.givenName", value: "Alicia" }] });
    expect((await scim.delete(`/Users/${bob}`)).status).toBe(204);
    await createScimUser(`carol@${account.domain}`);

    expect((await portal(`alice@${account.domain}`))?.active).toBe(true);
    expect((await portal(`bob@${account.domain}`))?.active).toBe(true);
    expect(await portal(`carol@${account.domain}`)).toBeNull();
    expect(await db.heldChange.count({ where: { accountId: account.id } })).toBe(4);

    const preview = await previewResume(account.id);
    expect(preview.lose.sample.map((u) => u.userName).sort()).toEqual([`alice@${account.domain}`, `bob@${account.domain}`]);
    expect(preview.gain.sample.map((u) => u.userName)).toEqual([`carol@${account.domain}`]);

    const auditBefore = await db.auditEvent.count({ where: { accountId: account.id, action: { startsWith: "user." } } });
    const summary = await resumeProvisioning(account.id, admin, await version());
    expect(summary).toMatchObject({ created: 1, deactivated: 2 });
    expect((await portal(`alice@${account.domain}`))?.active).toBe(false);
    expect((await portal(`bob@${account.domain}`))?.active).toBe(false);
    expect((await portal(`carol@${account.domain}`))?.active).toBe(true);
    expect(await db.heldChange.count({ where: { accountId: account.id } })).toBe(0);
    // One event per person changed: alice deactivated, bob deactivated, carol created.
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: { startsWith: "user." } } })).toBe(auditBefore + 3);

    // Resuming applied everything: a second reconcile would change nothing (nothing applied twice).
    await pauseProvisioning(account.id, admin, await version());
    expect(await resumeProvisioning(account.id, admin, await version())).toEqual({ created: 0, takenOver: 0, updated: 0, deactivated: 0, reactivated: 0 });
  });

  it("refuses a stale or repeated transition", async () => {
    const { account, version } = await setup();
    const v = await version();
    await pauseProvisioning(account.id, admin, v);
    await expect(pauseProvisioning(account.id, admin, v)).rejects.toThrow(/cannot pause/);
    await expect(resumeProvisioning(account.id, admin, v)).rejects.toThrow(/cannot resume/);
  });
});

describe("safety valve", () => {
  it("pauses provisioning before a mass deactivation is applied, and holds the rest", async () => {
    const { account, scim, portal, createScimUser } = await setup();
    await db.provisioning.update({ where: { accountId: account.id }, data: { safetyValvePercent: 20, safetyValveMinimum: 2 } });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await createScimUser(`person${i}@${account.domain}`));

    const deactivate = (id: string) => scim.patch(`/Users/${id}`, { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", value: { active: false } }] });
    for (const id of ids.slice(0, 2)) expect((await deactivate(id)).status).toBe(200); // 2 of 10: within 20%
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("ACTIVE");
    const third = await deactivate(ids[2]!); // the third would exceed 20%
    expect(third.status).toBe(200); // the IdP is told the truth: the directory has the change
    const provisioning = await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } });
    expect(provisioning.state).toBe("PAUSED");
    expect(provisioning.pauseReason).toMatch(/safety valve/);
    expect((await portal(`person2@${account.domain}`))?.active).toBe(true);
    await deactivate(ids[3]!);
    expect((await portal(`person3@${account.domain}`))?.active).toBe(true);
    expect(await db.heldChange.count({ where: { accountId: account.id } })).toBe(2);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.auto_pause" } })).toBe(1);
  });
});

describe("first setup", () => {
  it("applies and clears the changes held while waiting for the setup", async () => {
    const { account, token } = await createAccountWithToken({ provisioningState: "ENABLED", provisioningScope: undefined });
    const scim = scimClient(server.baseUrl, token);
    expect((await scim.post("/Users", userBody(`first@${account.domain}`))).status).toBe(201);
    expect(await db.heldChange.count({ where: { accountId: account.id } })).toBe(1);
    const version = (await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).version;
    expect(await saveProvisioningSetup(account.id, admin, { mode: "NOT_RESTRICTED" }, version)).toMatchObject({ created: 1 });
    expect(await db.heldChange.count({ where: { accountId: account.id } })).toBe(0);
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("ACTIVE");
  });

  it("refuses a setup that would remove the administrator's own access", async () => {
    const { account, scim, version, createScimUser } = await setup();
    await createScimUser(`boss@${account.domain}`);
    const boss = await db.user.findFirstOrThrow({ where: { accountId: account.id, userNameKey: `boss@${account.domain}` } });
    const group = await scim.post("/Groups", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Others" });
    const rule = { mode: "GROUPS" as const, groupIds: [String((group.body as { id: string }).id)] };
    await expect(saveProvisioningSetup(account.id, { type: "USER", id: boss.id, label: boss.userName }, rule, await version())).rejects.toThrow(/your own access/);
    expect((await db.user.findUniqueOrThrow({ where: { id: boss.id } })).active).toBe(true);
  });
});
