import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import type { Role } from "@/lib/generated/prisma/enums";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { createOrganization } from "./create-organization";
import { createProject } from "./create-project";
import { isOrganizationError } from "./errors";
import { getProjectDetails, listProjectAccess } from "./project-details";
import { renameProjectAsMember } from "./rename-project-as-member";

async function world() {
  const account = await createAccount();
  const admin = await createUser(account.id, { email: `admin@${account.domain}` });
  const actor: AuditActor = { type: "USER", id: admin.id, label: admin.userName };
  const global = await createOrganization({ accountId: account.id, actor, name: "Global" });
  const europe = await createOrganization({ accountId: account.id, actor, name: "Europe", parentId: global.id });
  const project = await createProject({ accountId: account.id, actor, organizationId: europe.id, name: "Frankfurt" });
  const grant = (principal: { userId: string } | { groupId: string }, role: Role, scope: { type: "ACCOUNT" } | { type: "ORGANIZATION" | "PROJECT"; id: string }) =>
    db.roleAssignment.create({
      data: {
        accountId: account.id,
        role,
        ...("userId" in principal ? { userId: principal.userId } : { groupId: principal.groupId }),
        principalKey: "userId" in principal ? `user:${principal.userId}` : `group:${principal.groupId}`,
        scope: scope.type,
        organizationId: scope.type === "ORGANIZATION" ? scope.id : null,
        projectId: scope.type === "PROJECT" ? scope.id : null,
        scopeKey: scope.type === "ACCOUNT" ? "account" : `${scope.type.toLowerCase()}:${scope.id}`,
        grantedBy: "ADMINISTRATOR",
      },
    });
  /** A portal user provisioned into the directory, member of `groupId`. */
  const member = async (email: string, groupId: string) => {
    const user = await createUser(account.id, { email, source: "SCIM" });
    const directoryUser = await db.directoryUser.create({ data: { accountId: account.id, userName: email, userNameKey: email, portalUserId: user.id } });
    await db.directoryMembership.create({ data: { accountId: account.id, groupId, memberUserId: directoryUser.id } });
    return user;
  };
  const group = (displayName: string) => db.directoryGroup.create({ data: { accountId: account.id, displayName, displayNameKey: displayName.toLowerCase() } });
  return { account, admin, actor, global, europe, project, grant, member, group };
}

async function refused(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isOrganizationError(error, "forbidden"), String(error)).toBe(true);
}

describe("renameProjectAsMember: the project page's own permission check", () => {
  it("refuses people without project.administer there, and renames for those who have it however they hold it", async () => {
    const w = await world();
    const rename = (userId: string, name: string) => renameProjectAsMember({ accountId: w.account.id, userId, actor: { type: "USER", id: userId, label: userId }, projectId: w.project.id, name });

    const stranger = await createUser(w.account.id, { email: `stranger@${w.account.domain}` });
    await refused(rename(stranger.id, "Nope"));

    const memberOnly = await createUser(w.account.id, { email: `member@${w.account.domain}` });
    await w.grant({ userId: memberOnly.id }, "PROJECT_MEMBER", { type: "PROJECT", id: w.project.id });
    await refused(rename(memberOnly.id, "Nope"));

    const elsewhere = await createUser(w.account.id, { email: `elsewhere@${w.account.domain}` });
    const other = await createOrganization({ accountId: w.account.id, actor: w.actor, name: "Other" });
    await w.grant({ userId: elsewhere.id }, "PROJECT_ADMIN", { type: "ORGANIZATION", id: other.id });
    await refused(rename(elsewhere.id, "Nope"));
    expect((await db.project.findUniqueOrThrow({ where: { id: w.project.id } })).name).toBe("Frankfurt");

    // Project admin on the top organization, through a group nested in the group holding it.
    const parentGroup = await w.group("Engineering");
    const childGroup = await w.group("Platform");
    await db.directoryMembership.create({ data: { accountId: w.account.id, groupId: parentGroup.id, memberGroupId: childGroup.id } });
    await w.grant({ groupId: parentGroup.id }, "PROJECT_ADMIN", { type: "ORGANIZATION", id: w.global.id });
    const nested = await w.member(`nested@${w.account.domain}`, childGroup.id);
    expect((await rename(nested.id, "Frankfurt DC")).name).toBe("Frankfurt DC");

    await w.grant({ userId: w.admin.id }, "ADMINISTRATOR", { type: "ACCOUNT" });
    expect((await rename(w.admin.id, "Frankfurt Data Center")).name).toBe("Frankfurt Data Center");

    const renames = await db.auditEvent.findMany({ where: { accountId: w.account.id, action: "project.renamed" }, orderBy: { id: "asc" }, select: { actorId: true, after: true } });
    expect(renames).toEqual([
      { actorId: nested.id, after: { name: "Frankfurt DC" } },
      { actorId: w.admin.id, after: { name: "Frankfurt Data Center" } },
    ]);
  });

  it("refuses a project of another account even to that account's administrator", async () => {
    const mine = await world();
    const theirs = await world();
    await mine.grant({ userId: mine.admin.id }, "ADMINISTRATOR", { type: "ACCOUNT" });
    const attempt = renameProjectAsMember({ accountId: mine.account.id, userId: mine.admin.id, actor: mine.actor, projectId: theirs.project.id, name: "Hacked" });
    await expect(attempt).rejects.toThrow();
    expect((await db.project.findUniqueOrThrow({ where: { id: theirs.project.id } })).name).toBe("Frankfurt");
  });
});

describe("project details and who has access", () => {
  it("gives the organization path and every assignment reaching the project, nearest first", async () => {
    const w = await world();
    const details = await getProjectDetails(w.account.id, w.project.id);
    expect(details?.organizations.map((o) => o.name)).toEqual(["Global", "Europe"]);
    expect(await getProjectDetails(w.account.id, "not-a-uuid")).toBeNull();
    expect(await getProjectDetails((await createAccount()).id, w.project.id)).toBeNull();

    const engineering = await w.group("Engineering");
    await w.member(`ann@${w.account.domain}`, engineering.id);
    await w.member(`ben@${w.account.domain}`, engineering.id);
    await w.grant({ userId: w.admin.id }, "ADMINISTRATOR", { type: "ACCOUNT" });
    await w.grant({ groupId: engineering.id }, "READ_ONLY", { type: "ORGANIZATION", id: w.global.id });
    await w.grant({ userId: w.admin.id }, "PROJECT_ADMIN", { type: "PROJECT", id: w.project.id });
    const other = await createProject({ accountId: w.account.id, actor: w.actor, organizationId: w.global.id, name: "Elsewhere" });
    await w.grant({ userId: w.admin.id }, "PROJECT_MEMBER", { type: "PROJECT", id: other.id });

    const access = await listProjectAccess(w.account.id, details!);
    expect(access.map((e) => [e.role, e.principal.label, e.givenOn.type === "ORGANIZATION" ? e.givenOn.name : e.givenOn.type])).toEqual([
      ["PROJECT_ADMIN", w.admin.userName, "PROJECT"],
      ["READ_ONLY", "Engineering", "Global"],
      ["ADMINISTRATOR", w.admin.userName, "ACCOUNT"],
    ]);
    expect(access[1]?.principal).toMatchObject({ type: "group", usersReached: 2 });
  });
});
