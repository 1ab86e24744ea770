import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { createOrganization } from "./create-organization";
import { createProject } from "./create-project";
import { deleteOrganization } from "./delete-organization";
import { deleteProject } from "./delete-project";
import { isOrganizationError, type OrganizationErrorCode } from "./errors";
import { moveOrganization } from "./move-organization";
import { moveProject } from "./move-project";
import { renameOrganization } from "./rename-organization";
import { renameProject } from "./rename-project";
import { setOrganizationKey } from "./set-organization-key";

async function setup() {
  const account = await createAccount();
  const admin = await createUser(account.id, { email: `admin@${account.domain}` });
  const actor: AuditActor = { type: "USER", id: admin.id, label: admin.userName };
  const org = (name: string, parentId: string | null = null, key?: string) => createOrganization({ accountId: account.id, actor, name, parentId, key });
  const project = (organizationId: string, name: string) => createProject({ accountId: account.id, actor, organizationId, name });
  return { account, admin, actor, org, project };
}

async function expectRefusal(promise: Promise<unknown>, code: OrganizationErrorCode, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isOrganizationError(error, code), `expected ${code}, got ${String(error)}`).toBe(true);
  if (message) expect((error as Error).message).toMatch(message);
}

async function eventsFor(accountId: string, targetId: string) {
  return db.auditEvent.findMany({ where: { accountId, targetId }, orderBy: { id: "asc" }, select: { action: true, actorId: true, actorLabel: true, before: true, after: true } });
}

async function parentOf(id: string) {
  return (await db.organization.findUniqueOrThrow({ where: { id }, select: { parentId: true } })).parentId;
}

/** Walks up from every organization of the account; throws if a walk revisits a node. */
async function assertNoCycle(accountId: string) {
  const rows = await db.organization.findMany({ where: { accountId }, select: { id: true, parentId: true } });
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  for (const { id } of rows) {
    const seen = new Set<string>();
    for (let at: string | null | undefined = id; at; at = parent.get(at)) {
      expect(seen.has(at), "cycle in the organization tree").toBe(false);
      seen.add(at);
    }
  }
}

describe("organizations", () => {
  it("creates top-level and child organizations with a lower-cased key, each with an audit event", async () => {
    const { account, admin, org } = await setup();
    const root = await org("Acme Global");
    const child = await org("  Acme   Europe ", root.id, "EMEA-Sales");
    expect(root).toMatchObject({ name: "Acme Global", parentId: null, key: null });
    expect(child).toMatchObject({ name: "Acme Europe", parentId: root.id, key: "emea-sales" });
    expect(await eventsFor(account.id, child.id)).toEqual([
      {
        action: "organization.created",
        actorId: admin.id,
        actorLabel: admin.userName,
        before: null,
        after: { name: "Acme Europe", key: "emea-sales", parentId: root.id, parentName: "Acme Global" },
      },
    ]);
  });

  it("refuses a bad name, a bad key, a taken key (any case) and a parent that is not there", async () => {
    const { account, org } = await setup();
    const root = await org("Root", null, "root");
    await expectRefusal(org("   "), "invalid-name");
    await expectRefusal(org("x".repeat(121)), "invalid-name");
    await expectRefusal(org("Bad", null, "-starts-with-hyphen"), "invalid-key");
    await expectRefusal(org("Bad", null, "has space"), "invalid-key");
    await expectRefusal(org("Bad", null, "a".repeat(64)), "invalid-key");
    await expectRefusal(org("Dup", null, "ROOT"), "key-taken", /"root"/);
    await expectRefusal(org("Orphan", "00000000-0000-4000-8000-000000000000"), "not-found");
    await expectRefusal(org("Orphan", "not-a-uuid"), "not-found");
    expect(await db.organization.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "organization.created" } })).toBe(1);
    expect(root.key).toBe("root");
  });

  it("renames, audited with both names; an unchanged name records nothing", async () => {
    const { account, actor, org } = await setup();
    const o = await org("Old name");
    const renamed = await renameOrganization({ accountId: account.id, actor, organizationId: o.id, name: "New name" });
    expect(renamed.name).toBe("New name");
    await renameOrganization({ accountId: account.id, actor, organizationId: o.id, name: " New name " });
    const events = await eventsFor(account.id, o.id);
    expect(events.map((e) => e.action)).toEqual(["organization.created", "organization.renamed"]);
    expect(events[1]).toMatchObject({ before: { name: "Old name" }, after: { name: "New name" } });
  });

  it("sets, changes and clears a key; a key taken by another organization is refused", async () => {
    const { account, actor, org } = await setup();
    const a = await org("A", null, "a-key");
    const b = await org("B");
    expect((await setOrganizationKey({ accountId: account.id, actor, organizationId: b.id, key: "B-Key" })).key).toBe("b-key");
    await expectRefusal(setOrganizationKey({ accountId: account.id, actor, organizationId: b.id, key: "A-KEY" }), "key-taken");
    await expectRefusal(setOrganizationKey({ accountId: account.id, actor, organizationId: b.id, key: "no_underscores" }), "invalid-key");
    expect((await setOrganizationKey({ accountId: account.id, actor, organizationId: b.id, key: "" })).key).toBeNull();
    const events = await eventsFor(account.id, b.id);
    expect(events.slice(1).map((e) => [e.action, e.before, e.after])).toEqual([
      ["organization.key_changed", { key: null }, { key: "b-key" }],
      ["organization.key_changed", { key: "b-key" }, { key: null }],
    ]);
    // Keys are unique per account, not globally.
    const other = await setup();
    expect((await other.org("Elsewhere", null, "a-key")).key).toBe("a-key");
    expect(a.key).toBe("a-key");
  });

  it("moves an organization under another one or to the top, audited with the old and new parents", async () => {
    const { account, actor, org } = await setup();
    const europe = await org("Europe");
    const americas = await org("Americas");
    const germany = await org("Germany", europe.id);
    await moveOrganization({ accountId: account.id, actor, organizationId: germany.id, parentId: americas.id });
    expect(await parentOf(germany.id)).toBe(americas.id);
    await moveOrganization({ accountId: account.id, actor, organizationId: germany.id, parentId: null });
    expect(await parentOf(germany.id)).toBeNull();
    await moveOrganization({ accountId: account.id, actor, organizationId: germany.id, parentId: null }); // no change, no event
    const moves = (await eventsFor(account.id, germany.id)).filter((e) => e.action === "organization.moved");
    expect(moves.map((e) => [e.before, e.after])).toEqual([
      [{ parentId: europe.id, parentName: "Europe" }, { parentId: americas.id, parentName: "Americas" }],
      [{ parentId: americas.id, parentName: "Americas" }, { parentId: null, parentName: null }],
    ]);
  });

  it("refuses to move an organization under itself or one of its descendants", async () => {
    const { account, actor, org } = await setup();
    const global = await org("Global");
    const europe = await org("Europe", global.id);
    const germany = await org("Germany", europe.id);
    const move = (organizationId: string, parentId: string | null) => moveOrganization({ accountId: account.id, actor, organizationId, parentId });
    await expectRefusal(move(global.id, global.id), "cycle", /under itself/);
    await expectRefusal(move(global.id, europe.id), "cycle", /"Europe" is inside it/);
    await expectRefusal(move(global.id, germany.id), "cycle");
    await expectRefusal(move(europe.id, germany.id), "cycle");
    expect(await parentOf(global.id)).toBeNull();
    expect(await parentOf(europe.id)).toBe(global.id);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "organization.moved" } })).toBe(0);
  });

  it("lets exactly one of two opposite concurrent moves win, so no cycle appears", async () => {
    const { account, actor, org } = await setup();
    for (let round = 0; round < 10; round++) {
      const a = await org(`A${round}`);
      const b = await org(`B${round}`);
      const results = await Promise.allSettled([
        moveOrganization({ accountId: account.id, actor, organizationId: a.id, parentId: b.id }),
        moveOrganization({ accountId: account.id, actor, organizationId: b.id, parentId: a.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(isOrganizationError(rejected?.reason, "cycle")).toBe(true);
    }
    await assertNoCycle(account.id);
  });

  it("keeps a three-way concurrent rotation (A under B, B under C, C under A) acyclic", async () => {
    const { account, actor, org } = await setup();
    for (let round = 0; round < 5; round++) {
      const [a, b, c] = [await org(`A${round}`), await org(`B${round}`), await org(`C${round}`)];
      const results = await Promise.allSettled([
        moveOrganization({ accountId: account.id, actor, organizationId: a.id, parentId: b.id }),
        moveOrganization({ accountId: account.id, actor, organizationId: b.id, parentId: c.id }),
        moveOrganization({ accountId: account.id, actor, organizationId: c.id, parentId: a.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    }
    await assertNoCycle(account.id);
  });

  it("refuses to delete an organization that still holds organizations or projects, naming them", async () => {
    const { account, actor, org, project } = await setup();
    const europe = await org("Europe");
    await org("Germany", europe.id);
    await org("France", europe.id);
    await project(europe.id, "EU Data Platform");
    await expectRefusal(
      deleteOrganization({ accountId: account.id, actor, organizationId: europe.id }),
      "not-empty",
      /"Europe" still holds 2 organizations \(France, Germany\) and 1 project \(EU Data Platform\)/,
    );
    expect(await db.organization.count({ where: { accountId: account.id } })).toBe(3);
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "organization.deleted" } })).toBe(0);
  });

  it("deletes an empty organization with its role assignments, audited", async () => {
    const { account, admin, actor, org } = await setup();
    const parent = await org("Parent");
    const leaf = await org("Leaf", parent.id, "leaf");
    const assignment = await db.roleAssignment.create({
      data: { accountId: account.id, role: "TECHNICAL", userId: admin.id, scope: "ORGANIZATION", organizationId: leaf.id, grantedBy: "ADMINISTRATOR", principalKey: `user:${admin.id}`, scopeKey: `organization:${leaf.id}` },
    });
    const deleted = await deleteOrganization({ accountId: account.id, actor, organizationId: leaf.id });
    expect(deleted.organizations.map((o) => o.name)).toEqual(["Leaf"]);
    expect(await db.organization.findUnique({ where: { id: leaf.id } })).toBeNull();
    expect(await db.roleAssignment.findUnique({ where: { id: assignment.id } })).toBeNull();
    const [event] = (await eventsFor(account.id, leaf.id)).filter((e) => e.action === "organization.deleted");
    expect(event).toMatchObject({
      before: { name: "Leaf", key: "leaf", parentId: parent.id, parentName: "Parent", roleAssignments: [{ id: assignment.id, role: "TECHNICAL", principal: `user:${admin.id}`, principalLabel: admin.userName }] },
      after: { cascade: false, removedOrganizations: [], removedProjects: [], removedRoleAssignments: 1 },
    });
  });

  it("deletes a whole subtree with cascade: organizations, projects and role assignments, each audited", async () => {
    const { account, admin, actor, org, project } = await setup();
    const keep = await org("Keep");
    const europe = await org("Europe", keep.id);
    const germany = await org("Germany", europe.id);
    const berlin = await org("Berlin", germany.id);
    const frankfurt = await project(germany.id, "Frankfurt Data Center");
    const platform = await project(europe.id, "EU Data Platform");
    const kept = await project(keep.id, "Kept project");
    const grant = (scope: "ORGANIZATION" | "PROJECT", id: string) =>
      db.roleAssignment.create({
        data: {
          accountId: account.id,
          role: scope === "PROJECT" ? "PROJECT_MEMBER" : "READ_ONLY",
          userId: admin.id,
          scope,
          organizationId: scope === "ORGANIZATION" ? id : null,
          projectId: scope === "PROJECT" ? id : null,
          grantedBy: "ADMINISTRATOR",
          principalKey: `user:${admin.id}`,
          scopeKey: `${scope.toLowerCase()}:${id}`,
        },
      });
    await grant("ORGANIZATION", europe.id);
    await grant("ORGANIZATION", berlin.id);
    await grant("PROJECT", frankfurt.id);
    const keptGrant = await grant("PROJECT", kept.id);

    const deleted = await deleteOrganization({ accountId: account.id, actor, organizationId: europe.id, cascade: true });
    expect(deleted.organizations.map((o) => o.name)).toEqual(["Europe", "Germany", "Berlin"]);
    expect(deleted.projects.map((p) => p.name).sort()).toEqual(["EU Data Platform", "Frankfurt Data Center"]);
    expect(deleted.roleAssignments).toHaveLength(3);

    expect(await db.organization.findMany({ where: { accountId: account.id }, select: { name: true } })).toEqual([{ name: "Keep" }]);
    expect(await db.project.findMany({ where: { accountId: account.id }, select: { name: true } })).toEqual([{ name: "Kept project" }]);
    expect(await db.roleAssignment.findMany({ where: { accountId: account.id }, select: { id: true } })).toEqual([{ id: keptGrant.id }]);

    const [rootEvent] = await eventsFor(account.id, europe.id).then((events) => events.filter((e) => e.action === "organization.deleted"));
    expect(rootEvent?.after).toMatchObject({
      cascade: true,
      removedOrganizations: [{ id: germany.id, name: "Germany" }, { id: berlin.id, name: "Berlin" }],
      removedRoleAssignments: 3,
    });
    for (const id of [germany.id, berlin.id]) {
      expect((await eventsFor(account.id, id)).at(-1)).toMatchObject({ action: "organization.deleted", after: { deletedWith: { id: europe.id, name: "Europe" } } });
    }
    for (const id of [frankfurt.id, platform.id]) {
      expect((await eventsFor(account.id, id)).at(-1)).toMatchObject({ action: "project.deleted", after: { deletedWith: { id: europe.id, name: "Europe" } } });
    }
    expect((await eventsFor(account.id, frankfurt.id)).at(-1)?.before).toMatchObject({ organizationName: "Germany", roleAssignments: [{ role: "PROJECT_MEMBER" }] });
  });

  it("creates, renames, moves and deletes projects, each audited", async () => {
    const { account, admin, actor, org, project } = await setup();
    const europe = await org("Europe");
    const americas = await org("Americas");
    const p = await project(europe.id, " Payments ");
    expect(p).toMatchObject({ name: "Payments", organizationId: europe.id });
    await renameProject({ accountId: account.id, actor, projectId: p.id, name: "Payments EU" });
    await moveProject({ accountId: account.id, actor, projectId: p.id, organizationId: americas.id });
    await db.roleAssignment.create({
      data: { accountId: account.id, role: "PROJECT_ADMIN", userId: admin.id, scope: "PROJECT", projectId: p.id, grantedBy: "ADMINISTRATOR", principalKey: `user:${admin.id}`, scopeKey: `project:${p.id}` },
    });
    const deleted = await deleteProject({ accountId: account.id, actor, projectId: p.id });
    expect(deleted.roleAssignments).toMatchObject([{ role: "PROJECT_ADMIN", principalLabel: admin.userName }]);
    expect(await db.project.count({ where: { accountId: account.id } })).toBe(0);
    expect(await db.roleAssignment.count({ where: { accountId: account.id } })).toBe(0);
    expect((await eventsFor(account.id, p.id)).map((e) => [e.action, e.before, e.after])).toEqual([
      ["project.created", null, { name: "Payments", organizationId: europe.id, organizationName: "Europe" }],
      ["project.renamed", { name: "Payments" }, { name: "Payments EU" }],
      ["project.moved", { organizationId: europe.id, organizationName: "Europe" }, { organizationId: americas.id, organizationName: "Americas" }],
      [
        "project.deleted",
        { name: "Payments EU", organizationId: americas.id, organizationName: "Americas", roleAssignments: [{ id: deleted.roleAssignments[0]!.id, role: "PROJECT_ADMIN", principal: `user:${admin.id}`, principalLabel: admin.userName }] },
        null,
      ],
    ]);
    await expectRefusal(project(europe.id, ""), "invalid-name");
  });

  it("treats ids of another account as not found and changes nothing there", async () => {
    const mine = await setup();
    const theirs = await setup();
    const theirOrg = await theirs.org("Theirs", null, "theirs");
    const theirChild = await theirs.org("Their child", theirOrg.id);
    const theirProject = await theirs.project(theirOrg.id, "Their project");
    const myOrg = await mine.org("Mine");
    const myProject = await mine.project(myOrg.id, "My project");
    const { account, actor } = mine;
    const accountId = account.id;

    await expectRefusal(createOrganization({ accountId, actor, name: "Sneaky", parentId: theirOrg.id }), "not-found");
    await expectRefusal(renameOrganization({ accountId, actor, organizationId: theirOrg.id, name: "Hacked" }), "not-found");
    await expectRefusal(setOrganizationKey({ accountId, actor, organizationId: theirOrg.id, key: "hacked" }), "not-found");
    await expectRefusal(moveOrganization({ accountId, actor, organizationId: theirChild.id, parentId: null }), "not-found");
    await expectRefusal(moveOrganization({ accountId, actor, organizationId: myOrg.id, parentId: theirOrg.id }), "not-found");
    await expectRefusal(deleteOrganization({ accountId, actor, organizationId: theirOrg.id, cascade: true }), "not-found");
    await expectRefusal(createProject({ accountId, actor, organizationId: theirOrg.id, name: "Sneaky" }), "not-found");
    await expectRefusal(renameProject({ accountId, actor, projectId: theirProject.id, name: "Hacked" }), "not-found");
    await expectRefusal(moveProject({ accountId, actor, projectId: theirProject.id, organizationId: myOrg.id }), "not-found");
    await expectRefusal(moveProject({ accountId, actor, projectId: myProject.id, organizationId: theirOrg.id }), "not-found");
    await expectRefusal(deleteProject({ accountId, actor, projectId: theirProject.id }), "not-found");

    expect(await db.organization.findMany({ where: { accountId: theirs.account.id }, select: { name: true, key: true, parentId: true }, orderBy: { name: "asc" } })).toEqual([
      { name: "Their child", key: null, parentId: theirOrg.id },
      { name: "Theirs", key: "theirs", parentId: null },
    ]);
    expect(await db.project.findMany({ where: { accountId: theirs.account.id }, select: { name: true, organizationId: true } })).toEqual([{ name: "Their project", organizationId: theirOrg.id }]);
    expect(await db.project.findUniqueOrThrow({ where: { id: myProject.id }, select: { organizationId: true } })).toEqual({ organizationId: myOrg.id });
    expect(await db.auditEvent.count({ where: { accountId: theirs.account.id, action: { notIn: ["organization.created", "project.created"] } } })).toBe(0);
  });
});
