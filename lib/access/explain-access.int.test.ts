import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";
import { bodyOf, resourcesOf, startScimServer, type ScimServer } from "@/lib/testing/scim-http-server";
import { ADMIN_ACTOR, createTree, idpAccount } from "./access.fixtures";
import { isAccountAdministrator } from "./account-administrator";
import { isAccessError } from "./access-error";
import { assignRole } from "./assign-role";
import { accessibleTargets, can, explainAccess, rolesAt } from "./explain-access";

// The access model driven by an identity provider over real SCIM traffic: nested groups, removal, deletion,
// cycles, and the organization extension.

let server: ScimServer;
beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await server.close();
});

async function world() {
  const idp = await idpAccount(server.baseUrl);
  const tree = await createTree(idp.account.id, [
    { name: "Acme", key: "acme", projects: ["Intranet"] },
    { name: "Europe", parent: "Acme", key: "EU", projects: ["EU Portal"] },
    { name: "France", parent: "Europe", key: "fr", projects: ["Website"] },
    { name: "Americas", parent: "Acme", key: "us", projects: ["US Portal"] },
  ]);
  return { idp, tree, accountId: idp.account.id };
}

const chainNames = (g: { via: { kind: string; chain?: { displayName: string }[] } }) => (g.via.kind === "group" ? (g.via.chain ?? []).map((c) => c.displayName) : []);

describe("an IdP changes a user's access through nested groups", () => {
  it("adding the user to a group nested under a mapped group grants the role with its chain; removing takes it away", async () => {
    const { idp, tree, accountId } = await world();
    const alice = await idp.createUser("alice");
    const backend = await idp.createGroup("Backend");
    const engineering = await idp.createGroup("Engineering", [{ value: backend, type: "Group" }]);
    const staff = await idp.createGroup("Staff", [{ value: engineering, type: "Group" }]);
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: staff }, role: "PROJECT_MEMBER", scope: tree.org("Europe") });

    expect((await explainAccess(accountId, alice.portalId)).grants).toEqual([]);
    expect(await can(accountId, alice.portalId, "project.use", tree.project("Website"))).toBe(false);

    await idp.addMembers(backend, alice.directoryId);

    const explanation = await explainAccess(accountId, alice.portalId);
    expect(explanation.grants).toHaveLength(1);
    expect(explanation.grants[0]).toMatchObject({ role: "PROJECT_MEMBER", scope: { type: "ORGANIZATION", name: "Europe" } });
    expect(chainNames(explanation.grants[0]!)).toEqual(["Backend", "Engineering", "Staff"]);
    expect(explanation.warnings).toEqual([]);
    expect(explanation.directoryUserId).toBe(alice.directoryId);

    expect(await can(accountId, alice.portalId, "project.use", tree.project("Website"))).toBe(true);
    expect(await can(accountId, alice.portalId, "project.use", tree.project("EU Portal"))).toBe(true);
    expect(await can(accountId, alice.portalId, "project.use", tree.project("US Portal"))).toBe(false);
    expect(await can(accountId, alice.portalId, "project.administer", tree.project("Website"))).toBe(false);
    expect(await can(accountId, alice.portalId, "resources.read", tree.org("Acme"))).toBe(false);
    const atWebsite = await rolesAt(accountId, alice.portalId, tree.project("Website"));
    expect(atWebsite).toEqual([{ role: "PROJECT_MEMBER", sources: [{ grant: explanation.grants[0], inheritedFrom: { type: "ORGANIZATION", id: tree.org("Europe").id, name: "Europe" } }] }]);

    const reachable = await accessibleTargets(accountId, alice.portalId);
    expect(reachable.account).toEqual([]);
    expect(reachable.organizations.map((o) => o.path.join(" / "))).toEqual(["Acme / Europe", "Acme / Europe / France"]);
    expect(reachable.projects.map((p) => p.name)).toEqual(["EU Portal", "Website"]);

    // The membership change that gave the role is audited once, naming the assignment and the user.
    const audit = await db.auditEvent.findMany({ where: { accountId, action: "access.changed_by_membership" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "SCIM_TOKEN", targetId: backend });
    expect(audit[0]?.after).toMatchObject({ assignmentCount: 1, usersAddedCount: 1, usersAdded: [{ id: alice.directoryId }], assignments: [{ role: "PROJECT_MEMBER", scope: "organization:Europe", heldBy: { displayName: "Staff" } }] });

    // Entra's removal (capitalised op, member in the value) takes it away.
    await idp.removeMember(backend, alice.directoryId);
    expect((await explainAccess(accountId, alice.portalId)).grants).toEqual([]);
    expect(await can(accountId, alice.portalId, "project.use", tree.project("Website"))).toBe(false);
    expect(await db.auditEvent.count({ where: { accountId, action: "access.changed_by_membership" } })).toBe(2);

    // Nesting a whole group changes its members' access too.
    await idp.addMembers(backend, alice.directoryId);
    await idp.removeMember(engineering, backend);
    expect((await explainAccess(accountId, alice.portalId)).grants).toEqual([]);
    const ungrouped = await db.auditEvent.findFirstOrThrow({ where: { accountId, action: "access.changed_by_membership", targetId: engineering } });
    expect(ungrouped.after).toMatchObject({ groupsRemovedCount: 1, groupsRemoved: [{ id: backend, displayName: "Backend", users: 1 }] });
  });

  it("a membership change in a group no role flows through writes no access event", async () => {
    const { idp, accountId } = await world();
    const bob = await idp.createUser("bob");
    const plain = await idp.createGroup("Plain");
    await idp.addMembers(plain, bob.directoryId);
    expect(await db.auditEvent.count({ where: { accountId, action: "access.changed_by_membership" } })).toBe(0);
    expect(await db.auditEvent.count({ where: { accountId, action: "directory.group.members_changed" } })).toBe(1);
  });

  it("an individual role survives the deletion of the group that gave the same and other roles", async () => {
    const { idp, tree, accountId } = await world();
    const carol = await idp.createUser("carol");
    const team = await idp.createGroup("Team", [{ value: carol.directoryId }]);
    const parent = await idp.createGroup("Parent", [{ value: team, type: "Group" }]);
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: team }, role: "READ_ONLY", scope: tree.org("Americas") });
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: parent }, role: "BILLING", scope: tree.org("Acme") });
    const mine = await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { userId: carol.portalId }, role: "READ_ONLY", scope: tree.org("Americas") });

    expect((await explainAccess(accountId, carol.portalId)).grants.map((g) => `${g.role}:${g.via.kind}`).sort()).toEqual(["BILLING:group", "READ_ONLY:direct", "READ_ONLY:group"]);

    await idp.deleteGroup(team);

    const after = await explainAccess(accountId, carol.portalId);
    expect(after.grants.map((g) => g.assignmentId)).toEqual([mine.assignmentId]);
    expect(await can(accountId, carol.portalId, "resources.read", tree.project("US Portal"))).toBe(true);
    expect(await can(accountId, carol.portalId, "billing.manage", tree.org("Acme"))).toBe(false);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { accountId, action: "access.changed_by_group_deletion" } });
    expect(audit).toMatchObject({ targetId: team, targetLabel: "Team", actorType: "SCIM_TOKEN" });
    expect(audit.before).toMatchObject({ assignmentCount: 2, usersAffectedCount: 1, usersAffected: [{ id: carol.directoryId }] });
  });

  it("a cycle in the IdP's nesting neither hangs nor crashes: the role flows once, with a warning", async () => {
    const { idp, tree, accountId } = await world();
    const dave = await idp.createUser("dave");
    const a = await idp.createGroup("Loop A", [{ value: dave.directoryId }]);
    const b = await idp.createGroup("Loop B", [{ value: a, type: "Group" }]);
    const c = await idp.createGroup("Loop C", [{ value: b, type: "Group" }]);
    await idp.addMembers(a, c); // A is in B, B in C, C in A.
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: c }, role: "TECHNICAL", scope: tree.project("Website") });

    const explanation = await explainAccess(accountId, dave.portalId);
    expect(explanation.grants).toHaveLength(1);
    expect(chainNames(explanation.grants[0]!)).toEqual(["Loop A", "Loop B", "Loop C"]);
    expect(explanation.warnings).toEqual([expect.stringContaining(`"Loop A" → "Loop B" → "Loop C" → "Loop A"`) as string]);
    expect(await can(accountId, dave.portalId, "technical.manage", tree.project("Website"))).toBe(true);
  });

  it("a group mapped to Administrator on the account makes its nested members account administrators", async () => {
    const { idp, accountId } = await world();
    const erin = await idp.createUser("erin");
    const inner = await idp.createGroup("Inner", [{ value: erin.directoryId }]);
    const admins = await idp.createGroup("Portal Admins", [{ value: inner, type: "Group" }]);
    expect(await isAccountAdministrator(accountId, erin.portalId)).toBe(false);
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: admins }, role: "ADMINISTRATOR", scope: { type: "ACCOUNT" } });
    expect(await isAccountAdministrator(accountId, erin.portalId)).toBe(true);
    await idp.removeMember(inner, erin.directoryId);
    expect(await isAccountAdministrator(accountId, erin.portalId)).toBe(false);
  });
});

describe("one endpoint, many organizations (our SCIM extension)", () => {
  it("is published in /Schemas and on both resource types, and stored as sent", async () => {
    const { idp } = await world();
    const schemas = resourcesOf(await idp.scim.get("/Schemas")).map((s) => s.id);
    expect(schemas).toContain(ORGANIZATION_EXTENSION_URN);
    const group = bodyOf(await idp.scim.get("/ResourceTypes/Group"));
    expect(group.schemaExtensions).toEqual([{ schema: ORGANIZATION_EXTENSION_URN, required: false }]);
    const schema = bodyOf(await idp.scim.get(`/Schemas/${ORGANIZATION_EXTENSION_URN}`));
    expect(schema.attributes).toEqual([expect.objectContaining({ name: "organizations", type: "string", multiValued: true, caseExact: false, mutability: "readWrite" })]);

    const groupId = await idp.createGroup("Bound", [], ["EU", "Nowhere"]);
    const rendered = bodyOf(await idp.scim.get(`/Groups/${groupId}`));
    expect(rendered.schemas).toContain(ORGANIZATION_EXTENSION_URN);
    expect(rendered[ORGANIZATION_EXTENSION_URN]).toEqual({ organizations: ["EU", "Nowhere"] });
  });

  it("a bound group can only be given roles inside its organizations, and grants only there", async () => {
    const { idp, tree, accountId } = await world();
    const frank = await idp.createUser("frank", ["eu", "atlantis"]);
    const ops = await idp.createGroup("EU Ops", [{ value: frank.directoryId }], ["EU"]);

    const refused = await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: ops }, role: "READ_ONLY", scope: tree.org("Americas") }).catch((e: unknown) => e);
    expect(isAccessError(refused, "outside-group-binding")).toBe(true);
    expect(isAccessError(await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: ops }, role: "READ_ONLY", scope: { type: "ACCOUNT" } }).catch((e: unknown) => e), "outside-group-binding")).toBe(true);
    await assignRole({ accountId, actor: ADMIN_ACTOR, principal: { groupId: ops }, role: "PROJECT_ADMIN", scope: tree.project("Website") });

    const explanation = await explainAccess(accountId, frank.portalId);
    expect(explanation.grants.map((g) => g.role)).toEqual(["PROJECT_ADMIN"]);
    expect(explanation.organizations).toEqual([{ id: tree.org("Europe").id, name: "Europe" }]);
    expect(explanation.warnings).toEqual([expect.stringContaining(`"atlantis"`) as string]);

    // The IdP moves the group to the Americas (Entra sends a lone string): the France role no longer applies.
    await idp.patchGroup(ops, [{ op: "Replace", path: `${ORGANIZATION_EXTENSION_URN}:organizations`, value: "US" }]);
    const moved = await explainAccess(accountId, frank.portalId);
    expect(moved.grants).toEqual([]);
    expect(moved.warnings.join("\n")).toMatch(/Group "EU Ops" is bound to "Americas".*Project admin at project Website lies outside and is ignored/);
    expect(await can(accountId, frank.portalId, "project.administer", tree.project("Website"))).toBe(false);
  });
});
