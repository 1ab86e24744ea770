// Turning SCIM off: after the reset job the account is indistinguishable from a twin that never enabled SCIM
// (audit events and job history aside), and every user keeps their portal account and active flag.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { AuditActor } from "@/lib/audit/record-audit-event";
import { flushScimRequestLog } from "@/lib/scim-activity/request-log-writer";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { idOf, scimClient, startScimServer, type ScimResult, type ScimServer } from "@/lib/testing/scim-http-server";
import { createScimToken } from "@/lib/tokens/create-token";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import { runEnableJob } from "./enable-job";
import { enableProvisioning, turnOffProvisioning } from "./lifecycle";
import { pauseProvisioning } from "./pause-resume";
import { runResetJob } from "./reset-job";
import { saveProvisioningSetup } from "./setup";

vi.mock("@/lib/jobs/schedule", () => ({ scheduleProvisioningJob: () => Promise.resolve() }));

const admin: AuditActor = { type: "USER", label: "admin@example.test" };
const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

let server: ScimServer;
beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await flushScimTokenUseWrites();
  await flushScimRequestLog();
  await server.close();
});

/** Everything of an account that SCIM could have touched, without ids, audit events and job history. */
async function snapshot(accountId: string) {
  const { accountId: _a, version: _v, updatedAt: _u, ...provisioning } = await db.provisioning.findUniqueOrThrow({ where: { accountId } });
  const users = await db.user.findMany({ where: { accountId }, orderBy: { userNameKey: "asc" } });
  const userNames = new Map(users.map((u) => [u.id, u.userNameKey]));
  const roleAssignments = await db.roleAssignment.findMany({ where: { accountId } });
  const where = { where: { accountId } };
  return {
    provisioning,
    users: users.map(({ id: _id, accountId: _acc, createdAt: _c, updatedAt: _up, sessionEpoch: _s, ...user }) => user),
    roleAssignments: roleAssignments
      .map((r) => ({ role: r.role, scope: r.scope, scopeKey: r.scopeKey, grantedBy: r.grantedBy, user: r.userId ? userNames.get(r.userId) : null, group: r.groupId !== null }))
      .sort((a, b) => `${a.user}${a.role}`.localeCompare(`${b.user}${b.role}`)),
    counts: {
      directoryUsers: await db.directoryUser.count(where),
      directoryGroups: await db.directoryGroup.count(where),
      directoryMemberships: await db.directoryMembership.count(where),
      scimTokens: await db.scimToken.count(where),
      provisioningGroups: await db.provisioningGroup.count(where),
      heldChanges: await db.heldChange.count(where),
      scimRequestLog: await db.scimRequestLog.count(where),
    },
  };
}

interface Person {
  email: string;
  name?: string;
  active?: boolean;
  source?: "SSO" | "LOCAL";
}

/** The people both accounts start with; sso2 is deactivated over SCIM later (so the twin has it inactive). */
const people = (domain: string): Person[] => [
  { email: `owner@${domain}`, source: "LOCAL" },
  ...Array.from({ length: 12 }, (_, i) => ({ email: `sso${i}@${domain}`, name: i % 2 ? `Person ${i}` : undefined, active: i !== 5 })),
];

async function addPeople(accountId: string, list: Person[]) {
  const ids = new Map<string, string>();
  for (const p of list) {
    const user = await createUser(accountId, { email: p.email, name: p.name, active: p.active, source: p.source ?? "SSO", passwordHash: p.source === "LOCAL" ? "argon2id$owner" : undefined });
    ids.set(p.email, user.id);
  }
  await db.roleAssignment.create({ data: { accountId, role: "ADMINISTRATOR", userId: ids.get(list[0]!.email)!, scope: "ACCOUNT", grantedBy: "BOOTSTRAP", principalKey: `user:${ids.get(list[0]!.email)}`, scopeKey: "account" } });
  await db.roleAssignment.create({ data: { accountId, role: "TECHNICAL", userId: ids.get(list[1]!.email)!, scope: "ACCOUNT", grantedBy: "ADMINISTRATOR", principalKey: `user:${ids.get(list[1]!.email)}`, scopeKey: "account" } });
  return ids;
}

const versionOf = async (accountId: string) => (await db.provisioning.findUniqueOrThrow({ where: { accountId } })).version;

function ok(result: ScimResult, status: number) {
  expect(result.status, result.text).toBe(status);
  return result;
}

describe("turning SCIM off", { timeout: 60_000 }, () => {
  it("leaves the account indistinguishable from one that never enabled SCIM; users keep their accounts", async () => {
    const account = await createAccount();
    const domain = account.domain;
    const ids = await addPeople(account.id, people(domain));

    // Enable, set up, and let the IdP work: a new user, a deactivation, a group with members and a role.
    const { jobRunId } = await enableProvisioning(account.id, admin, 0);
    await runEnableJob(account.id, jobRunId);
    const { token } = await createScimToken(db, { accountId: account.id, name: "Entra", actor: admin });
    await createScimToken(db, { accountId: account.id, name: "Spare", actor: admin });
    await saveProvisioningSetup(account.id, admin, { mode: "NOT_RESTRICTED" }, await versionOf(account.id));
    await db.provisioning.update({ where: { accountId: account.id }, data: { safetyValvePercent: 25, safetyValveMinimum: 50 } });
    const idp = scimClient(server.baseUrl, token);
    const newcomer = idOf(ok(await idp.post("/Users", { schemas: [CORE_USER], userName: `new.person@${domain}`, displayName: "New Person", active: true }), 201));
    const sso2 = await db.directoryUser.findUniqueOrThrow({ where: { portalUserId: ids.get(`sso2@${domain}`)! } });
    ok(await idp.patch(`/Users/${sso2.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "active", value: false }] }), 200);
    const sso3 = await db.directoryUser.findUniqueOrThrow({ where: { portalUserId: ids.get(`sso3@${domain}`)! } });
    const group = idOf(ok(await idp.post("/Groups", { schemas: [CORE_GROUP], displayName: "Engineers", members: [{ value: newcomer }, { value: sso3.id }] }), 201));
    const parent = idOf(ok(await idp.post("/Groups", { schemas: [CORE_GROUP], displayName: "Everyone", members: [{ value: group }] }), 201));
    await db.roleAssignment.create({ data: { accountId: account.id, role: "READ_ONLY", groupId: group, scope: "ACCOUNT", grantedBy: "ADMINISTRATOR", principalKey: `group:${group}`, scopeKey: "account" } });

    // Pause, then changes that are held: a restricted setup, a rename, a user the portal never creates.
    await pauseProvisioning(account.id, admin, await versionOf(account.id));
    await saveProvisioningSetup(account.id, admin, { mode: "GROUPS", groupIds: [parent] }, await versionOf(account.id));
    const sso4 = await db.directoryUser.findUniqueOrThrow({ where: { portalUserId: ids.get(`sso4@${domain}`)! } });
    ok(await idp.patch(`/Users/${sso4.id}`, { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "displayName", value: "Renamed" }] }), 200);
    ok(await idp.post("/Users", { schemas: [CORE_USER], userName: `held.person@${domain}`, active: true }), 201);
    await flushScimRequestLog();

    const during = await snapshot(account.id);
    expect(during.counts).toMatchObject({ directoryUsers: 14, directoryGroups: 2, directoryMemberships: 3, scimTokens: 2, provisioningGroups: 1 });
    expect(during.counts.heldChanges).toBeGreaterThan(0);
    expect(during.counts.scimRequestLog).toBeGreaterThan(0);
    const userIdsBefore = (await db.user.findMany({ where: { accountId: account.id }, select: { id: true } })).map((u) => u.id).sort();

    // Turn off; the reset job is killed after three batches, then resumed.
    const reset = await turnOffProvisioning(account.id, admin, await versionOf(account.id));
    expect(ok(await idp.get("/Users"), 401).status).toBe(401); // tokens stop at once
    let batches = 0;
    await expect(
      runResetJob(account.id, reset.jobRunId, {
        batchSize: 4,
        afterBatch: () => {
          if (++batches === 3) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    expect((await db.provisioning.findUniqueOrThrow({ where: { accountId: account.id } })).state).toBe("RESETTING");
    expect(await runResetJob(account.id, reset.jobRunId, { batchSize: 4 })).toBe("succeeded");

    // The twin: the same people as the reset leaves them, and never a SCIM setting.
    const twin = await createAccount();
    await addPeople(
      twin.id,
      people(twin.domain)
        .map((p) => (p.email === `sso2@${twin.domain}` ? { ...p, active: false } : p))
        .concat([{ email: `new.person@${twin.domain}`, name: "New Person" }]),
    );
    const after = await snapshot(account.id);
    const expected = await snapshot(twin.id);
    const sameDomain = <T,>(value: T) => JSON.parse(JSON.stringify(value).replaceAll(twin.domain, domain)) as T;
    expect(after).toEqual(sameDomain(expected));

    // Users kept their portal accounts (same rows) and their active flags.
    expect((await db.user.findMany({ where: { accountId: account.id }, select: { id: true } })).map((u) => u.id).sort()).toEqual(userIdsBefore);
    expect(await db.user.count({ where: { accountId: account.id, source: "SCIM" } })).toBe(0);

    const run = await db.jobRun.findUniqueOrThrow({ where: { id: reset.jobRunId } });
    expect(run).toMatchObject({ status: "SUCCEEDED", done: run.total });
    const cleared = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.id, action: "provisioning.reset_cleared" } });
    expect(cleared.after).toMatchObject({ directoryUsers: 14, groups: 2, memberships: 3, users: 13, groupRoleAssignments: 1, tokensDeleted: 2 });
    expect(await db.auditEvent.count({ where: { accountId: account.id, action: "provisioning.reset_completed" } })).toBe(1);

    // A rerun changes nothing.
    const fingerprint = async () => ({ snapshot: await snapshot(account.id), audit: await db.auditEvent.count({ where: { accountId: account.id } }), run: await db.jobRun.findUniqueOrThrow({ where: { id: reset.jobRunId } }) });
    const settled = await fingerprint();
    expect(await runResetJob(account.id, reset.jobRunId)).toBe("skipped");
    expect(await fingerprint()).toEqual(settled);

    // And SCIM can be enabled again from scratch.
    const again = await enableProvisioning(account.id, admin, await versionOf(account.id));
    expect(await runEnableJob(account.id, again.jobRunId)).toBe("succeeded");
    expect(await db.directoryUser.count({ where: { accountId: account.id } })).toBe(13);
  });
});
