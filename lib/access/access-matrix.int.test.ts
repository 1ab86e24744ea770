import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/client";
import { startScimServer, type ScimServer } from "@/lib/testing/scim-http-server";
import { ADMIN_ACTOR, createTree, idpAccount } from "./access.fixtures";
import { isAccountAdministrator } from "./account-administrator";
import { assignRole } from "./assign-role";
import { can } from "./explain-access";
import { roleAllows, type Permission } from "./roles";
import type { ScopeRef } from "./types";

// Nothing leaks: two accounts with the same shape; for every (user, target, permission) pair across both, `can` is
// true exactly where the hand-written expectation says. Group roles arrive through real SCIM nesting.
//
//   Root (Root P)
//   ├─ Left (Left P)
//   │   └─ Kid (Kid P)
//   └─ Right (Right P)

const ORGS = ["Root", "Left", "Kid", "Right"] as const;
const PROJECTS = ["Root P", "Left P", "Kid P", "Right P"] as const;
type Place = "account" | (typeof ORGS)[number] | (typeof PROJECTS)[number];

/** What lies at and below each scope, written by hand (not computed by the code under test). */
const SUBTREE: Record<Place, Place[]> = {
  account: ["account", ...ORGS, ...PROJECTS],
  Root: ["Root", "Left", "Kid", "Right", ...PROJECTS],
  Left: ["Left", "Kid", "Left P", "Kid P"],
  Kid: ["Kid", "Kid P"],
  Right: ["Right", "Right P"],
  "Root P": ["Root P"],
  "Left P": ["Left P"],
  "Kid P": ["Kid P"],
  "Right P": ["Right P"],
};

/** Who holds what, where (in their own account). */
const SPEC: Record<string, { role: Role; at: Place }[]> = {
  owner: [{ role: "ADMINISTRATOR", at: "account" }],
  lefty: [{ role: "READ_ONLY", at: "Left" }],
  kid: [{ role: "PROJECT_ADMIN", at: "Kid" }],
  righty: [{ role: "PROJECT_MEMBER", at: "Right P" }],
  "left-admin": [{ role: "ADMINISTRATOR", at: "Left" }],
  bound: [{ role: "TECHNICAL", at: "Right" }],
  nobody: [],
};
const PERMISSIONS: Permission[] = ["resources.read", "project.use", "project.administer", "access.manage", "account.administer"];

let server: ScimServer;
beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await server.close();
});

async function buildAccount() {
  const idp = await idpAccount(server.baseUrl);
  const accountId = idp.account.id;
  const tree = await createTree(accountId, [
    { name: "Root", key: "root", projects: ["Root P"] },
    { name: "Left", parent: "Root", key: "left", projects: ["Left P"] },
    { name: "Kid", parent: "Left", key: "kid", projects: ["Kid P"] },
    { name: "Right", parent: "Root", key: "right", projects: ["Right P"] },
  ]);
  const target = (place: Place): ScopeRef =>
    place === "account" ? { type: "ACCOUNT" } : (PROJECTS as readonly string[]).includes(place) ? tree.project(place) : tree.org(place);
  const users: Record<string, string> = {};
  for (const name of Object.keys(SPEC)) users[name] = (await idp.createUser(name)).portalId;
  const assign = (principal: { userId: string } | { groupId: string }, role: Role, at: Place) => assignRole({ accountId, actor: ADMIN_ACTOR, principal, role, scope: target(at) });

  // Direct: owner, righty. Through nested groups: lefty, kid, left-admin. A bound group: bound.
  await assign({ userId: users.owner! }, "ADMINISTRATOR", "account");
  await assign({ userId: users.righty! }, "PROJECT_MEMBER", "Right P");
  const leaf = await idp.createGroup("Leaf", [{ value: idp.user("lefty").directoryId }]);
  const readers = await idp.createGroup("Left Readers", [{ value: leaf, type: "Group" }]);
  await assign({ groupId: readers }, "READ_ONLY", "Left");
  const kids = await idp.createGroup("Kid Admins", [{ value: idp.user("kid").directoryId }]);
  await idp.createGroup("Everyone", [{ value: kids, type: "Group" }, { value: idp.user("nobody").directoryId }]);
  await assign({ groupId: kids }, "PROJECT_ADMIN", "Kid");
  const leftAdmins = await idp.createGroup("Left Admins", [{ value: idp.user("left-admin").directoryId }]);
  await assign({ groupId: leftAdmins }, "ADMINISTRATOR", "Left");
  const bound = await idp.createGroup("Right Techs", [{ value: idp.user("bound").directoryId }], ["RIGHT"]);
  await assign({ groupId: bound }, "TECHNICAL", "Right");
  return { accountId, users, target };
}

describe("cross-organization and cross-account matrix", () => {
  it("can() is true exactly where an assignment's subtree reaches, in the user's own account only", async () => {
    const accounts = [await buildAccount(), await buildAccount()];
    const places = Object.keys(SUBTREE) as Place[];
    const mismatches: string[] = [];
    let checks = 0;
    // One user at a time; that user's checks concurrently (the pool has 20 connections).
    for (const [ui, home] of accounts.entries()) {
      for (const [name, portalId] of Object.entries(home.users)) {
        const checksOfUser = accounts.flatMap((there, ti) =>
          places.flatMap((place) =>
            PERMISSIONS.map(async (permission) => {
              const expected = ui === ti && SPEC[name]!.some((g) => roleAllows(g.role, permission) && SUBTREE[g.at].includes(place));
              // Asked in the target's account, and (for the other account's targets) in the user's own account.
              const asked = [await can(there.accountId, portalId, permission, there.target(place))];
              if (ui !== ti && place !== "account") asked.push(await can(home.accountId, portalId, permission, there.target(place)));
              checks += asked.length;
              if (asked.some((answer, i) => answer !== (i === 0 ? expected : false))) {
                mismatches.push(`${name}@${ui} ${permission} at ${place}@${ti}: expected ${expected}, got ${asked.join("/")}`);
              }
            }),
          ),
        );
        await Promise.all(checksOfUser);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checks).toBeGreaterThan(1000);
  });

  it("only the account-wide Administrator is an account administrator, and only in their account", async () => {
    const [a, b] = [await buildAccount(), await buildAccount()];
    for (const [name, portalId] of Object.entries(a.users)) {
      expect(await isAccountAdministrator(a.accountId, portalId), name).toBe(name === "owner");
      expect(await isAccountAdministrator(b.accountId, portalId), name).toBe(false);
    }
  });
});
