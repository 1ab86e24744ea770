// Every kind of change the issue lists writes exactly one matching audit event, through the real code paths (the SCIM
// API over HTTP, the portal's domain functions), in the same transaction; a change that fails writes none. The chain
// verifies afterwards.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { updateRetentionSettings } from "@/lib/accounts/retention-settings";
import { completeFederatedSignIn } from "@/lib/auth/federated-sign-in";
import type { checkIssuer } from "@/lib/federation/discovery";
import { saveFederationConnection } from "@/lib/federation/save-connection";
import { stopBoss } from "@/lib/jobs/boss";
import { runEnableJob } from "@/lib/provisioning/enable-job";
import { enableProvisioning, turnOffProvisioning } from "@/lib/provisioning/lifecycle";
import { pauseProvisioning, resumeProvisioning } from "@/lib/provisioning/pause-resume";
import { updateSafetyValve } from "@/lib/provisioning/safety-valve-settings";
import { saveProvisioningSetup } from "@/lib/provisioning/setup";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { createAccountWithToken, idOf, scimClient, startScimServer, type ScimClient, type ScimServer } from "@/lib/testing/scim-http-server";
import { authenticateScimRequest, flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import { createScimToken } from "@/lib/tokens/create-token";
import { recordExpiredScimTokens } from "@/lib/tokens/record-token-expiry";
import { revokeScimToken } from "@/lib/tokens/revoke-token";
import type { AuditActor } from "./record-audit-event";
import { searchAuditEvents } from "./search-events";
import { verifyAuditChain } from "./verify-chain";
import { withAuditRequest } from "./request-context";
import { assignRole, removeAssignment } from "@/lib/access/assignments";
import { createOrganization } from "@/lib/organizations/create-organization";
import { deleteOrganization } from "@/lib/organizations/delete-organization";
import { moveOrganization } from "@/lib/organizations/move-organization";
import { renameOrganization } from "@/lib/organizations/rename-organization";

const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const admin: AuditActor = { type: "USER", id: crypto.randomUUID(), label: "admin@example.test" };
const answers: typeof checkIssuer = (issuer) => Promise.resolve({ ok: true, issuer });
const unreachable: typeof checkIssuer = () => Promise.resolve({ ok: false, message: "The issuer could not be reached." });

let server: ScimServer;
let client: ScimClient;
let accountId: string;
let tokenId: string;

beforeAll(async () => {
  server = await startScimServer();
  const created = await createAccountWithToken();
  accountId = created.account.id;
  tokenId = created.tokenId;
  client = scimClient(server.baseUrl, created.token);
});

afterAll(async () => {
  await server.close();
  await stopBoss(); // enableProvisioning queued its job through this process's pg-boss
});

const suffix = () => crypto.randomBytes(4).toString("hex");

async function lastEventId(account: string): Promise<bigint> {
  const last = await db.auditEvent.findFirst({ where: { accountId: account }, orderBy: { id: "desc" }, select: { id: true } });
  return last?.id ?? 0n;
}

/** An event as text (for "never contains the secret" checks). */
const text = (event: object) => JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

/** Runs `change`; the events it wrote to the account, in order. */
async function eventsOf(account: string, change: () => Promise<unknown>) {
  const before = await lastEventId(account);
  await change();
  return db.auditEvent.findMany({ where: { accountId: account, id: { gt: before } }, orderBy: { id: "asc" } });
}

/** Runs `change` and expects exactly one event named `action` among those it wrote; returns it. */
async function one(account: string, action: string, change: () => Promise<unknown>) {
  const events = await eventsOf(account, change);
  const matching = events.filter((e) => e.action === action);
  expect(matching, `${action} among ${events.map((e) => e.action).join(", ")}`).toHaveLength(1);
  return matching[0]!;
}

/** Runs a change that must fail and expects no event at all. */
async function none(account: string, change: () => Promise<unknown>) {
  expect(await eventsOf(account, change)).toEqual([]);
}

describe("the directory, through the SCIM API (actor: the token; the request's id on every event)", () => {
  let userId: string;
  let groupId: string;
  let requestId: string | null = null;

  it("user created, updated, deactivated, reactivated", async () => {
    const userName = `dir.${suffix()}@example.test`;
    const created = await one(accountId, "directory.user.created", async () => {
      const res = await client.post("/Users", { schemas: [CORE_USER], userName, name: { givenName: "Dee" } });
      expect(res.status, res.text).toBe(201);
      userId = idOf(res);
      requestId = res.headers.get("x-request-id");
    });
    expect(created).toMatchObject({ actorType: "SCIM_TOKEN", actorId: tokenId, targetId: userId, targetLabel: userName, requestId });
    // The portal user provisioning created, by the same request.
    const portal = await db.auditEvent.findFirstOrThrow({ where: { accountId, action: "user.created", requestId: requestId! } });
    expect(portal.targetLabel).toBe(userName);
    // Found by its label in any letter case: the directory user's events and the portal user's.
    const byLabel = await searchAuditEvents(accountId, { target: userName.toUpperCase() });
    expect(byLabel.events.map((e) => e.action).sort()).toEqual(["directory.user.created", "user.created"]);

    const updated = await one(accountId, "directory.user.updated", async () => {
      const res = await client.patch(`/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "name.givenName", value: "Dana" }] });
      expect(res.status, res.text).toBe(200);
    });
    expect(updated.before).toMatchObject({ name: { givenName: "Dee" } });
    expect(updated.after).toMatchObject({ name: { givenName: "Dana" } });

    await one(accountId, "user.deactivated", async () => {
      expect((await client.patch(`/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] })).status).toBe(200);
    });
    await one(accountId, "user.reactivated", async () => {
      expect((await client.patch(`/Users/${userId}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: true }] })).status).toBe(200);
    });
  });

  it("group created, renamed, members added and removed, deleted", async () => {
    const displayName = `Group ${suffix()}`;
    const created = await one(accountId, "directory.group.created", async () => {
      const res = await client.post("/Groups", { schemas: [CORE_GROUP], displayName });
      expect(res.status, res.text).toBe(201);
      groupId = idOf(res);
    });
    expect(created).toMatchObject({ targetType: "directory_group", targetId: groupId, targetLabel: displayName });

    const renamed = await one(accountId, "directory.group.updated", async () => {
      const res = await client.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: `${displayName} (renamed)` }] });
      expect(res.status, res.text).toBe(204);
    });
    expect(renamed.before).toMatchObject({ displayName });
    expect(renamed.after).toMatchObject({ displayName: `${displayName} (renamed)` });

    const added = await one(accountId, "directory.group.members_changed", async () => {
      const res = await client.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: userId }] }] });
      expect(res.status, res.text).toBe(204);
    });
    expect(JSON.stringify(added.after)).toContain(userId);
    await one(accountId, "directory.group.members_changed", async () => {
      const res = await client.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "remove", path: `members[value eq "${userId}"]` }] });
      expect(res.status, res.text).toBe(204);
    });
    await one(accountId, "directory.group.deleted", async () => {
      expect((await client.delete(`/Groups/${groupId}`)).status).toBe(204);
    });
  });

  it("user deleted", async () => {
    await one(accountId, "directory.user.deleted", async () => {
      expect((await client.delete(`/Users/${userId}`)).status).toBe(204);
    });
  });

  it("a refused SCIM write writes nothing: invalid body, duplicate, stale version, unknown resource", async () => {
    const userName = `dup.${suffix()}@example.test`;
    const id = idOf(await client.post("/Users", { schemas: [CORE_USER], userName }));
    await none(accountId, async () => expect((await client.post("/Users", { schemas: [CORE_USER] })).status).toBe(400));
    await none(accountId, async () => expect((await client.post("/Users", { schemas: [CORE_USER], userName: userName.toUpperCase() })).status).toBe(409));
    await none(accountId, async () =>
      expect((await client.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "x" }] }, { "If-Match": 'W/"999"' })).status).toBe(412),
    );
    await none(accountId, async () => expect((await client.delete(`/Groups/${crypto.randomUUID()}`)).status).toBe(404));
    await none(accountId, async () =>
      expect((await client.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: "explode", path: "displayName" }] })).status).toBe(400),
    );
  });
});

describe("tokens", () => {
  it("created, used for the first time (once), deleted, expired (once)", async () => {
    const account = await createAccount({ provisioningState: "ACTIVE", provisioningScope: "NOT_RESTRICTED" });
    let token = "";
    let id = "";
    const created = await one(account.id, "scim_token.created", async () => {
      const result = await createScimToken(db, { accountId: account.id, name: "Rotation", actor: admin });
      token = result.token;
      id = result.record.id;
    });
    expect(created).toMatchObject({ actorType: "USER", actorId: admin.id, targetId: id, targetLabel: "Rotation" });
    expect(text(created)).not.toContain(token);

    await one(account.id, "scim_token.first_used", async () => {
      await authenticateScimRequest(`Bearer ${token}`);
      await flushScimTokenUseWrites();
      await authenticateScimRequest(`Bearer ${token}`);
      await flushScimTokenUseWrites();
    });
    await one(account.id, "scim_token.revoked", () => revokeScimToken({ accountId: account.id, tokenId: id, actor: admin }));
    await none(account.id, () => expect(revokeScimToken({ accountId: account.id, tokenId: id, actor: admin })).rejects.toThrow());

    const expiring = await createScimToken(db, { accountId: account.id, name: "Short-lived", expiresAt: new Date(Date.now() + 60_000), actor: admin });
    await db.scimToken.update({ where: { id: expiring.record.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await one(account.id, "scim_token.expired", () => recordExpiredScimTokens(account.id));
    expect(expired).toMatchObject({ actorType: "SYSTEM", targetId: expiring.record.id });
    await none(account.id, () => recordExpiredScimTokens(account.id)); // recorded once
  });

  it("a refused token change writes nothing", async () => {
    const account = await createAccount({ provisioningState: "ACTIVE" });
    await createScimToken(db, { accountId: account.id, actor: admin });
    await createScimToken(db, { accountId: account.id, actor: admin });
    await none(account.id, () => expect(createScimToken(db, { accountId: account.id, actor: admin })).rejects.toThrow(/at most 2/));
  });
});

describe("provisioning state transitions and settings (actor: the administrator or the system)", () => {
  it("enable, enable completed (with the users taken over), setup saved, safety valve, pause, resume, turn off", async () => {
    const account = await createAccount();
    await createUser(account.id, { email: `sso1@${account.domain}` });
    await createUser(account.id, { email: `sso2@${account.domain}` });
    let jobRunId = "";
    const enable = await one(account.id, "provisioning.enable", async () => {
      jobRunId = (await enableProvisioning(account.id, admin, 0)).jobRunId;
    });
    expect(enable).toMatchObject({ actorId: admin.id, targetType: "provisioning" });
    const job = await eventsOf(account.id, () => runEnableJob(account.id, jobRunId));
    expect(job.filter((e) => e.action === "provisioning.enable_completed")).toHaveLength(1);
    expect(job.filter((e) => e.action === "provisioning.users_taken_over")).toHaveLength(1);

    let version = (await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).version;
    const setup = await one(account.id, "provisioning.setup_saved", () => saveProvisioningSetup(account.id, admin, { mode: "NOT_RESTRICTED" }, version));
    expect(setup.after).toEqual({ scope: "NOT_RESTRICTED", groupIds: [] });
    const valve = await one(account.id, "provisioning.safety_valve_changed", () => updateSafetyValve(account.id, admin, { percent: 20, windowMinutes: 30, minimum: 3 }));
    expect(valve.after).toEqual({ percent: 20, windowMinutes: 30, minimum: 3 });

    version = (await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).version;
    await none(account.id, () => expect(pauseProvisioning(account.id, admin, version - 1)).rejects.toThrow()); // a stale page
    await one(account.id, "provisioning.pause", () => pauseProvisioning(account.id, admin, version));
    await one(account.id, "provisioning.resume", () => resumeProvisioning(account.id, admin, version + 1));
    await createScimToken(db, { accountId: account.id, actor: admin });
    const off = await eventsOf(account.id, () => turnOffProvisioning(account.id, admin, version + 2));
    expect(off.map((e) => e.action).sort()).toEqual(["provisioning.turn_off", "scim_token.revoked"]);
  });
});

describe("the federation connection, sign-ins, account settings", () => {
  it("a connection edit records before and after (never the secret); a failed one writes nothing", async () => {
    const account = await createAccount();
    await none(account.id, () => saveFederationConnection(account.id, admin, { issuer: "https://down.example.com", clientId: "c", clientSecret: "s", emailDomains: [account.domain] }, unreachable));
    const edit = await one(account.id, "federation.updated", () =>
      saveFederationConnection(account.id, admin, { issuer: "https://idp2.example.com", clientId: "client-2", clientSecret: "very-secret-value", emailDomains: [account.domain] }, answers),
    );
    expect(edit.before).toMatchObject({ issuer: "https://idp.example.com", clientId: "client" });
    expect(edit.after).toMatchObject({ issuer: "https://idp2.example.com", clientId: "client-2", clientSecret: "changed" });
    expect(text(edit)).not.toContain("very-secret-value");
  });

  it("a sign-in creates a user while SCIM is off, and is refused (and audited) while SCIM is on", async () => {
    const off = await createAccount();
    const created = await one(off.id, "user.created", () => completeFederatedSignIn({ accountId: off.id, email: `new@${off.domain}`, name: "New Person" }));
    expect(created.after).toMatchObject({ via: "sso-jit" });

    const on = await createAccount({ provisioningState: "ACTIVE", provisioningScope: "NOT_RESTRICTED" });
    const refused = await one(on.id, "signin.refused", async () => {
      expect(await completeFederatedSignIn({ accountId: on.id, email: `stranger@${on.domain}` })).toMatchObject({ ok: false });
    });
    expect(refused).toMatchObject({ actorType: "SYSTEM", targetLabel: `stranger@${on.domain}` });
  });

  it("retention settings: a change is audited, no change writes nothing", async () => {
    const account = await createAccount();
    const changed = await one(account.id, "account.retention_changed", () => updateRetentionSettings(account.id, admin, { auditRetentionDays: 90, scimLogRetentionDays: 7 }));
    expect(changed.before).toEqual({ auditRetentionDays: 365, scimLogRetentionDays: 30 });
    expect(changed.after).toEqual({ auditRetentionDays: 90, scimLogRetentionDays: 7 });
    await none(account.id, () => updateRetentionSettings(account.id, admin, { auditRetentionDays: 90, scimLogRetentionDays: 7 }));
  });

});

describe("the request an administrator's change came from", () => {
  it("every event recorded inside one request carries its id; events of separate requests do not share one", async () => {
    const account = await createAccount();
    const requestId = crypto.randomUUID();
    const inside = await eventsOf(account.id, () =>
      withAuditRequest(async () => {
        await updateRetentionSettings(account.id, admin, { auditRetentionDays: 90, scimLogRetentionDays: 7 });
        await createOrganization({ accountId: account.id, actor: admin, name: "Requested" });
      }, requestId),
    );
    expect(inside.map((e) => [e.action, e.requestId])).toEqual([
      ["account.retention_changed", requestId],
      ["organization.created", requestId],
    ]);
    const [first, second] = [
      await one(account.id, "organization.created", () => withAuditRequest(() => createOrganization({ accountId: account.id, actor: admin, name: "First" }))),
      await one(account.id, "organization.created", () => withAuditRequest(() => createOrganization({ accountId: account.id, actor: admin, name: "Second" }))),
    ];
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.requestId).not.toBe(second.requestId);
  });
});

describe("organizations, role assignments and group mappings (actor: the administrator; SCIM membership changes: the token)", () => {
  it("organization created, renamed, moved, deleted; a refused change writes nothing", async () => {
    const parent = await one(accountId, "organization.created", () => createOrganization({ accountId, actor: admin, name: `Parent ${suffix()}` }));
    const childName = `Child ${suffix()}`;
    let childId = "";
    const created = await one(accountId, "organization.created", async () => {
      childId = (await createOrganization({ accountId, actor: admin, name: childName })).id;
    });
    expect(created).toMatchObject({ actorType: "USER", targetId: childId, targetLabel: childName });

    const renamed = await one(accountId, "organization.renamed", () => renameOrganization({ accountId, actor: admin, organizationId: childId, name: `${childName} (renamed)` }));
    expect(renamed.before).toEqual({ name: childName });
    expect(renamed.after).toEqual({ name: `${childName} (renamed)` });
    await one(accountId, "organization.moved", () => moveOrganization({ accountId, actor: admin, organizationId: childId, parentId: parent.targetId }));
    // A move under its own descendant (a cycle) is refused and writes nothing.
    await none(accountId, () => expect(moveOrganization({ accountId, actor: admin, organizationId: parent.targetId!, parentId: childId })).rejects.toThrow());
    // Deleting a parent that still holds a child is refused without cascade.
    await none(accountId, () => expect(deleteOrganization({ accountId, actor: admin, organizationId: parent.targetId! })).rejects.toThrow());
    const deleted = await eventsOf(accountId, () => deleteOrganization({ accountId, actor: admin, organizationId: parent.targetId!, cascade: true }));
    expect(deleted.filter((e) => e.action === "organization.deleted").map((e) => e.targetId).sort()).toEqual([childId, parent.targetId].sort());
  });

  it("a role given to a user and to a group, removed again; a group membership that changes access; a duplicate writes nothing", async () => {
    const person = await createUser(accountId, { email: `person.${suffix()}@example.test` });
    const organization = await createOrganization({ accountId, actor: admin, name: `Team ${suffix()}` });

    const toUser = await one(accountId, "access.role_assigned", () =>
      assignRole({ accountId, actor: admin, principal: { userId: person.id }, role: "READ_ONLY", scope: { type: "ORGANIZATION", id: organization.id } }),
    );
    expect(toUser).toMatchObject({ targetType: "user", targetId: person.id, targetLabel: person.userName });
    expect(toUser.before).toEqual({ effectiveRoles: [] });
    expect(toUser.after).toMatchObject({ role: "READ_ONLY" });
    await none(accountId, () =>
      expect(assignRole({ accountId, actor: admin, principal: { userId: person.id }, role: "READ_ONLY", scope: { type: "ORGANIZATION", id: organization.id } })).rejects.toThrow(/already/),
    );

    const res = await client.post("/Groups", { schemas: [CORE_GROUP], displayName: `Readers ${suffix()}` });
    expect(res.status, res.text).toBe(201);
    const groupId = idOf(res);
    const mapping = await one(accountId, "access.role_assigned", () =>
      assignRole({ accountId, actor: admin, principal: { groupId }, role: "TECHNICAL", scope: { type: "ORGANIZATION", id: organization.id } }),
    );
    expect(mapping).toMatchObject({ targetType: "directory_group", targetId: groupId });
    expect(mapping.after).toMatchObject({ role: "TECHNICAL", usersReached: 0 });

    // The IdP adds a member to the mapped group: one membership event and one access event, by the token.
    const member = await client.post("/Users", { schemas: [CORE_USER], userName: `member.${suffix()}@example.test` });
    expect(member.status, member.text).toBe(201);
    const changed = await one(accountId, "access.changed_by_membership", async () => {
      const patch = await client.patch(`/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [{ op: "add", path: "members", value: [{ value: idOf(member) }] }] });
      expect(patch.status, patch.text).toBeLessThan(300);
    });
    expect(changed).toMatchObject({ actorType: "SCIM_TOKEN", actorId: tokenId, targetId: groupId });
    expect(changed.after).toMatchObject({ usersAddedCount: 1 });

    const removed = await one(accountId, "access.role_removed", () => removeAssignment({ accountId, actor: admin, assignmentId: (toUser.after as { assignmentId: string }).assignmentId }));
    expect(removed).toMatchObject({ targetId: person.id });
    await none(accountId, () => expect(removeAssignment({ accountId, actor: admin, assignmentId: crypto.randomUUID() })).rejects.toThrow());
  });
});

describe("afterwards", () => {
  it("every account's chain verifies", async () => {
    const accounts = await db.auditEvent.findMany({ distinct: ["accountId"], select: { accountId: true } });
    expect(accounts.length).toBeGreaterThan(5);
    for (const { accountId: id } of accounts) expect(await verifyAuditChain(id)).toMatchObject({ ok: true });
  });
});
