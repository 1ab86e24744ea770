import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startScimServer, type ScimServer } from "@/lib/testing/scim-http-server";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { ADMIN_ACTOR, createTree, idpAccount } from "./access.fixtures";
import { assignRole, countUsersReached, isAccessError, listGroupMappings, listUserAssignments, removeAssignment, type AccessErrorCode } from "./assignments";
import { explainAccess } from "./explain-access";

let server: ScimServer;
beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await server.close();
});

async function rejected(promise: Promise<unknown>): Promise<AccessErrorCode | "resolved" | `other: ${string}`> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return isAccessError(error) ? error.code : `other: ${String(error)}`;
  }
}

async function world() {
  const idp = await idpAccount(server.baseUrl);
  const accountId = idp.account.id;
  const tree = await createTree(accountId, [
    { name: "Acme", key: "acme", projects: ["Intranet"] },
    { name: "Europe", parent: "Acme", key: "eu", projects: ["Website"] },
    { name: "Americas", parent: "Acme", key: "us" },
  ]);
  return { idp, accountId, tree };
}

describe("assignRole validation", () => {
  it("refuses a role where the catalogue does not allow it, and anything outside the account", async () => {
    const { idp, accountId, tree } = await world();
    const other = await world();
    const alice = await idp.createUser("alice");
    const group = await idp.createGroup("Team");
    const base = { accountId, actor: ADMIN_ACTOR };

    expect(await rejected(assignRole({ ...base, principal: { userId: alice.portalId }, role: "PROJECT_MEMBER", scope: { type: "ACCOUNT" } }))).toBe("not-assignable-here");
    expect(await rejected(assignRole({ ...base, principal: { userId: alice.portalId }, role: "BILLING", scope: tree.project("Website") }))).toBe("not-assignable-here");
    expect(await rejected(assignRole({ ...base, principal: { userId: alice.portalId }, role: "READ_ONLY", scope: other.tree.org("Europe") }))).toBe("scope-not-found");
    expect(await rejected(assignRole({ ...base, principal: { userId: alice.portalId }, role: "READ_ONLY", scope: other.tree.project("Website") }))).toBe("scope-not-found");
    expect(await rejected(assignRole({ ...base, principal: { userId: alice.portalId }, role: "READ_ONLY", scope: { type: "ORGANIZATION", id: "not-a-uuid" } }))).toBe("scope-not-found");
    const stranger = await other.idp.createUser("stranger");
    expect(await rejected(assignRole({ ...base, principal: { userId: stranger.portalId }, role: "READ_ONLY", scope: { type: "ACCOUNT" } }))).toBe("user-not-found");
    const foreignGroup = await other.idp.createGroup("Foreign");
    expect(await rejected(assignRole({ ...base, principal: { groupId: foreignGroup }, role: "READ_ONLY", scope: { type: "ACCOUNT" } }))).toBe("group-not-found");

    await assignRole({ ...base, principal: { groupId: group }, role: "READ_ONLY", scope: tree.org("Europe") });
    const duplicate = assignRole({ ...base, principal: { groupId: group }, role: "READ_ONLY", scope: tree.org("Europe") });
    await expect(duplicate).rejects.toThrow(`Group "Team" already has Read-only at organization Europe.`);
    // Nothing was written by the refusals.
    expect(await db.roleAssignment.count({ where: { accountId } })).toBe(1);
  });

  it("a group the IdP binds only to unknown keys can be given no role (fail closed)", async () => {
    const { idp, accountId, tree } = await world();
    const ghost = await idp.createGroup("Ghost", [], ["atlantis"]);
    expect(await rejected(assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: ghost }, role: "READ_ONLY", scope: tree.org("Europe") }))).toBe("outside-group-binding");
  });

  it("a bound group may be given roles in a child organization's project (the subtree)", async () => {
    const { idp, accountId, tree } = await world();
    const acme = await idp.createGroup("Acme People", [], ["ACME"]);
    const assigned = await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: acme }, role: "PROJECT_MEMBER", scope: tree.project("Website") });
    expect(assigned).toMatchObject({ role: "PROJECT_MEMBER", scope: { type: "PROJECT", name: "Website" }, principal: { type: "group", label: "Acme People" } });
  });
});

describe("audit of assignments", () => {
  it("a user assignment records the effective roles before and after; removal records them again", async () => {
    const { idp, accountId, tree } = await world();
    const bob = await idp.createUser("bob");
    const team = await idp.createGroup("Team", [{ value: bob.directoryId }]);
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: team }, role: "READ_ONLY", scope: tree.org("Acme") });

    const { assignmentId } = await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { userId: bob.portalId }, role: "PROJECT_ADMIN", scope: tree.project("Website"), requestId: "req-1" });
    const assigned = await db.auditEvent.findFirstOrThrow({ where: { accountId, action: "access.role_assigned", targetId: bob.portalId } });
    expect(assigned).toMatchObject({ actorType: "USER", actorLabel: ADMIN_ACTOR.label, targetType: "user", requestId: "req-1" });
    expect(assigned.before).toEqual({ effectiveRoles: ["READ_ONLY@organization:Acme"] });
    expect(assigned.after).toEqual({ assignmentId, role: "PROJECT_ADMIN", scope: "project:Website", effectiveRoles: ["PROJECT_ADMIN@project:Website", "READ_ONLY@organization:Acme"] });

    await removeAssignment({ accountId, actor: ADMIN_ACTOR, assignmentId });
    const removed = await db.auditEvent.findFirstOrThrow({ where: { accountId, action: "access.role_removed", targetId: bob.portalId } });
    expect(removed.before).toMatchObject({ assignmentId, effectiveRoles: ["PROJECT_ADMIN@project:Website", "READ_ONLY@organization:Acme"] });
    expect(removed.after).toEqual({ effectiveRoles: ["READ_ONLY@organization:Acme"] });
    // The group's role was not touched.
    expect((await explainAccess(accountId, bob.portalId)).grants.map((g) => g.role)).toEqual(["READ_ONLY"]);
  });

  it("a group assignment records the group and how many users it reaches through nesting", async () => {
    const { idp, accountId, tree } = await world();
    const [u1, u2, u3] = [await idp.createUser("u1"), await idp.createUser("u2"), await idp.createUser("u3")];
    const inner = await idp.createGroup("Inner", [{ value: u1.directoryId }, { value: u2.directoryId }]);
    const outer = await idp.createGroup("Outer", [{ value: inner, type: "Group" }, { value: u2.directoryId }, { value: u3.directoryId }]);
    await idp.addMembers(inner, outer); // a cycle: counted once
    expect(await countUsersReached(accountId, outer)).toBe(3);
    expect(await countUsersReached(accountId, inner)).toBe(3);

    const { assignmentId } = await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: outer }, role: "BILLING", scope: tree.org("Europe") });
    const event = await db.auditEvent.findFirstOrThrow({ where: { accountId, action: "access.role_assigned", targetId: outer } });
    expect(event).toMatchObject({ targetType: "directory_group", targetLabel: "Outer" });
    expect(event.after).toEqual({ assignmentId, role: "BILLING", scope: "organization:Europe", group: { id: outer, displayName: "Outer" }, usersReached: 3 });

    const mappings = await listGroupMappings(accountId);
    expect(mappings).toEqual([
      expect.objectContaining({ assignmentId, groupId: outer, groupName: "Outer", role: "BILLING", scope: { type: "ORGANIZATION", id: tree.org("Europe").id, name: "Europe" }, usersReached: 3, grantedBy: "ADMINISTRATOR", groupOrganizationKeys: [] }),
    ]);

    await removeAssignment({ accountId, actor: ADMIN_ACTOR, assignmentId });
    const removed = await db.auditEvent.findFirstOrThrow({ where: { accountId, action: "access.role_removed", targetId: outer } });
    expect(removed.before).toMatchObject({ assignmentId, role: "BILLING", usersReached: 3, group: { id: outer, displayName: "Outer" } });
    expect(await listGroupMappings(accountId)).toEqual([]);
  });

  it("listUserAssignments lists only individual roles, and nothing of another account", async () => {
    const { idp, accountId, tree } = await world();
    const other = await world();
    const carol = await idp.createUser("carol");
    const team = await idp.createGroup("Team", [{ value: carol.directoryId }]);
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: team }, role: "READ_ONLY", scope: { type: "ACCOUNT" } });
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { userId: carol.portalId }, role: "TECHNICAL", scope: tree.project("Website") });
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { userId: carol.portalId }, role: "ADMINISTRATOR", scope: tree.org("Americas") });
    expect((await listUserAssignments(accountId, carol.portalId)).map((a) => [a.role, a.scope.type === "ACCOUNT" ? "" : a.scope.name])).toEqual([
      ["ADMINISTRATOR", "Americas"],
      ["TECHNICAL", "Website"],
    ]);
    expect(await listUserAssignments(other.accountId, carol.portalId)).toEqual([]);
  });
});

describe("removeAssignment", () => {
  it("refuses an assignment of another account, and the last account Administrator reaching an active user", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const owner = await createUser(account.id, { email: `owner@${account.domain}`, source: "LOCAL" });
    const second = await createUser(account.id, { email: `second@${account.domain}` });
    const first = await assignRole({ accountId: account.id, actor: ADMIN_ACTOR, principal: { userId: owner.id }, role: "ADMINISTRATOR", scope: { type: "ACCOUNT" } });

    expect(await rejected(removeAssignment({ accountId: other.id, actor: ADMIN_ACTOR, assignmentId: first.assignmentId }))).toBe("assignment-not-found");
    expect(await rejected(removeAssignment({ accountId: account.id, actor: ADMIN_ACTOR, assignmentId: first.assignmentId }))).toBe("last-administrator");

    // Another administrator, but deactivated, does not count; once active it does.
    const backup = await assignRole({ accountId: account.id, actor: ADMIN_ACTOR, principal: { userId: second.id }, role: "ADMINISTRATOR", scope: { type: "ACCOUNT" } });
    await db.user.update({ where: { id: second.id }, data: { active: false } });
    expect(await rejected(removeAssignment({ accountId: account.id, actor: ADMIN_ACTOR, assignmentId: first.assignmentId }))).toBe("last-administrator");
    await db.user.update({ where: { id: second.id }, data: { active: true } });
    await removeAssignment({ accountId: account.id, actor: ADMIN_ACTOR, assignmentId: first.assignmentId });
    expect(await rejected(removeAssignment({ accountId: account.id, actor: ADMIN_ACTOR, assignmentId: first.assignmentId }))).toBe("assignment-not-found");
    expect(await rejected(removeAssignment({ accountId: account.id, actor: ADMIN_ACTOR, assignmentId: backup.assignmentId }))).toBe("last-administrator");
  });

  it("an administrators group with an active member counts as another administrator", async () => {
    const { idp, accountId } = await world();
    const owner = await createUser(accountId, { email: `owner@${idp.account.domain}`, source: "LOCAL" });
    const mine = await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { userId: owner.id }, role: "ADMINISTRATOR", scope: { type: "ACCOUNT" } });
    const dana = await idp.createUser("dana");
    const nested = await idp.createGroup("Nested Admins", [{ value: dana.directoryId }]);
    const admins = await idp.createGroup("Admins", [{ value: nested, type: "Group" }]);
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: admins }, role: "ADMINISTRATOR", scope: { type: "ACCOUNT" } });
    await removeAssignment({ accountId, actor: ADMIN_ACTOR, assignmentId: mine.assignmentId });
    expect((await explainAccess(accountId, owner.id)).grants).toEqual([]);
  });
});
