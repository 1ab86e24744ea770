import { describe, expect, it } from "vitest";
import { allows, appliesAt, effectiveRolesAt } from "./applies-at";
import { buildOrgTree } from "./org-tree";
import { describeVia, resolveEffectiveAccess } from "./resolve-effective-access";
import { rolesGranting, ROLE_CATALOGUE, ROLES } from "./roles";
import type { AccessSnapshot, AssignmentRecord, ScopeRef } from "./types";

// Hand-made graphs. The tree: Root > (EU > FR, US); projects in each.
//
//   Root ── EU ── FR      projects: pRoot (Root), pEU (EU), pFR (FR), pUS (US)
//        └─ US
const tree = buildOrgTree(
  [
    { id: "root", name: "Root", parentId: null, key: "root" },
    { id: "eu", name: "EU", parentId: "root", key: "eu" },
    { id: "fr", name: "FR", parentId: "eu", key: "fr" },
    { id: "us", name: "US", parentId: "root", key: "us" },
  ],
  [
    { id: "pRoot", name: "Root project", organizationId: "root" },
    { id: "pEU", name: "EU project", organizationId: "eu" },
    { id: "pFR", name: "FR project", organizationId: "fr" },
    { id: "pUS", name: "US project", organizationId: "us" },
  ],
);

const ACCOUNT: ScopeRef = { type: "ACCOUNT" };
const org = (id: string): ScopeRef => ({ type: "ORGANIZATION", id });
const project = (id: string): ScopeRef => ({ type: "PROJECT", id });
const ALL_TARGETS: ScopeRef[] = [ACCOUNT, ...["root", "eu", "fr", "us"].map(org), ...["pRoot", "pEU", "pFR", "pUS"].map(project)];

const USER = "u1";
const toUser = (id: string, role: AssignmentRecord["role"], scope: ScopeRef): AssignmentRecord => ({ id, role, principal: { type: "user", id: USER }, scope });
const toGroup = (id: string, group: string, role: AssignmentRecord["role"], scope: ScopeRef): AssignmentRecord => ({ id, role, principal: { type: "group", id: group }, scope });

function snapshot(parts: {
  direct?: string[];
  edges?: [child: string, parent: string][];
  assignments?: AssignmentRecord[];
  keys?: Record<string, string[]>;
}): AccessSnapshot {
  const ids = new Set([...(parts.direct ?? []), ...(parts.edges ?? []).flat()]);
  return {
    directGroupIds: parts.direct ?? [],
    groups: [...ids].map((id) => ({ id, displayName: id.toUpperCase(), organizationKeys: parts.keys?.[id] ?? [] })),
    memberships: (parts.edges ?? []).map(([childId, parentId]) => ({ childId, parentId })),
    assignments: parts.assignments ?? [],
    orgTree: tree,
  };
}

const where = (resolution: ReturnType<typeof resolveEffectiveAccess>, role: AssignmentRecord["role"]) =>
  ALL_TARGETS.filter((target) => resolution.grants.some((g) => g.role === role && appliesAt(g, target, tree).applies));

describe("direct assignments", () => {
  it("an account role applies everywhere in the account, inherited below the account", () => {
    const r = resolveEffectiveAccess(snapshot({ assignments: [toUser("a1", "ADMINISTRATOR", ACCOUNT)] }), USER);
    expect(r.grants).toEqual([{ assignmentId: "a1", role: "ADMINISTRATOR", scope: { type: "ACCOUNT" }, via: { kind: "direct" } }]);
    expect(where(r, "ADMINISTRATOR")).toEqual(ALL_TARGETS);
    expect(appliesAt(r.grants[0]!, ACCOUNT, tree)).toEqual({ applies: true, inheritedFrom: null });
    expect(appliesAt(r.grants[0]!, project("pFR"), tree)).toEqual({ applies: true, inheritedFrom: { type: "ACCOUNT" } });
    expect(r.warnings).toEqual([]);
  });

  it("ignores other users' assignments", () => {
    const other: AssignmentRecord = { id: "x", role: "ADMINISTRATOR", principal: { type: "user", id: "u2" }, scope: ACCOUNT };
    expect(resolveEffectiveAccess(snapshot({ assignments: [other] }), USER).grants).toEqual([]);
  });

  it("a project role applies at that project only", () => {
    const r = resolveEffectiveAccess(snapshot({ assignments: [toUser("a1", "PROJECT_MEMBER", project("pFR"))] }), USER);
    expect(where(r, "PROJECT_MEMBER")).toEqual([project("pFR")]);
    expect(r.grants[0]?.scope).toEqual({ type: "PROJECT", id: "pFR", name: "FR project" });
  });

  it("a target the tree does not know (another account's) is outside every grant", () => {
    const r = resolveEffectiveAccess(snapshot({ assignments: [toUser("a1", "ADMINISTRATOR", ACCOUNT)] }), USER);
    expect(appliesAt(r.grants[0]!, org("elsewhere"), tree).applies).toBe(false);
    expect(allows(r, "resources.read", project("elsewhere"), tree)).toBe(false);
  });
});

describe("organization inheritance", () => {
  const r = resolveEffectiveAccess(snapshot({ assignments: [toUser("a1", "READ_ONLY", org("eu"))] }), USER);

  it("applies to the organization, its child organizations and all their projects", () => {
    expect(where(r, "READ_ONLY")).toEqual([org("eu"), org("fr"), project("pEU"), project("pFR")]);
  });

  it("never to the parent, a sibling or the sibling's projects, nor the account", () => {
    for (const target of [ACCOUNT, org("root"), org("us"), project("pRoot"), project("pUS")]) {
      expect(appliesAt(r.grants[0]!, target, tree).applies).toBe(false);
    }
  });

  it("says where an inherited role comes from", () => {
    expect(appliesAt(r.grants[0]!, org("eu"), tree)).toEqual({ applies: true, inheritedFrom: null });
    expect(appliesAt(r.grants[0]!, org("fr"), tree)).toEqual({ applies: true, inheritedFrom: { type: "ORGANIZATION", id: "eu", name: "EU" } });
    expect(appliesAt(r.grants[0]!, project("pFR"), tree)).toEqual({ applies: true, inheritedFrom: { type: "ORGANIZATION", id: "eu", name: "EU" } });
  });

  it("an organization Administrator administers its subtree, not the account", () => {
    const admin = resolveEffectiveAccess(snapshot({ assignments: [toUser("a1", "ADMINISTRATOR", org("eu"))] }), USER);
    expect(allows(admin, "access.manage", org("fr"), tree)).toBe(true);
    expect(allows(admin, "project.administer", project("pEU"), tree)).toBe(true);
    expect(allows(admin, "account.administer", ACCOUNT, tree)).toBe(false);
    expect(allows(admin, "resources.read", org("us"), tree)).toBe(false);
  });
});

describe("nested groups", () => {
  it("passes a role down 10 levels of nesting, with the whole chain", () => {
    const levels = Array.from({ length: 11 }, (_, i) => `g${i}`);
    const edges = levels.slice(1).map((parent, i): [string, string] => [levels[i]!, parent]);
    const r = resolveEffectiveAccess(snapshot({ direct: ["g0"], edges, assignments: [toGroup("a1", "g10", "PROJECT_MEMBER", org("eu"))] }), USER);
    expect(r.grants).toHaveLength(1);
    expect(r.grants[0]?.via).toEqual({ kind: "group", chain: levels.map((id) => ({ id, displayName: id.toUpperCase() })) });
    expect(describeVia(r.grants[0]!)).toBe(`group ${levels.map((l) => l.toUpperCase()).join(" → ")}`);
    expect(r.warnings).toEqual([]);
  });

  it("a role of the user's own group has a chain of one", () => {
    const r = resolveEffectiveAccess(snapshot({ direct: ["g"], assignments: [toGroup("a1", "g", "BILLING", ACCOUNT)] }), USER);
    expect(r.grants[0]?.via).toEqual({ kind: "group", chain: [{ id: "g", displayName: "G" }] });
  });

  it("does not pass a child group's role up to the parent's members", () => {
    // The user is in the parent; the role sits on the child.
    const r = resolveEffectiveAccess(snapshot({ direct: ["parent"], edges: [["child", "parent"]], assignments: [toGroup("a1", "child", "BILLING", ACCOUNT)] }), USER);
    expect(r.grants).toEqual([]);
  });

  it("resolves a two-group cycle (A in B, B in A) with a warning naming both", () => {
    const r = resolveEffectiveAccess(
      snapshot({ direct: ["a"], edges: [["a", "b"], ["b", "a"]], assignments: [toGroup("x1", "b", "TECHNICAL", ACCOUNT), toGroup("x2", "a", "READ_ONLY", ACCOUNT)] }),
      USER,
    );
    expect(r.grants.map((g) => [g.role, g.via.kind === "group" ? g.via.chain.map((c) => c.id) : []])).toEqual([
      ["READ_ONLY", ["a"]],
      ["TECHNICAL", ["a", "b"]],
    ]);
    expect(r.warnings).toEqual([expect.stringContaining(`"A" → "B" → "A"`) as string]);
  });

  it("resolves a group reachable from itself through three (A → B → C → A)", () => {
    const r = resolveEffectiveAccess(
      snapshot({ direct: ["b"], edges: [["a", "b"], ["b", "c"], ["c", "a"]], assignments: [toGroup("x", "a", "READ_ONLY", org("us"))] }),
      USER,
    );
    expect(r.grants).toHaveLength(1);
    expect(r.grants[0]?.via).toEqual({ kind: "group", chain: ["b", "c", "a"].map((id) => ({ id, displayName: id.toUpperCase() })) });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain(`"A" → "B" → "C" → "A"`);
  });

  it("names the other groups caught in a larger knot, once per knot", () => {
    // a ⇄ b and b ⇄ c: one strongly connected component.
    const r = resolveEffectiveAccess(snapshot({ direct: ["a"], edges: [["a", "b"], ["b", "a"], ["b", "c"], ["c", "b"]] }), USER);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/"A" → "B" → "A".*also involving "C"/);
  });

  it("reports a cycle above the user's groups too, and two separate cycles separately", () => {
    const r = resolveEffectiveAccess(snapshot({ direct: ["d"], edges: [["d", "p"], ["p", "q"], ["q", "p"], ["d", "r"], ["r", "s"], ["s", "r"]] }), USER);
    expect(r.warnings).toHaveLength(2);
  });

  it("a diamond gives one grant with the shortest chain (ties broken by name), never duplicates", () => {
    //        top
    //      /     \
    //   left     right      user in bottom; bottom in left and right; both in top; also bottom in top via a longer path
    //      \     /
    //      bottom
    const r = resolveEffectiveAccess(
      snapshot({
        direct: ["bottom"],
        edges: [["bottom", "right"], ["bottom", "left"], ["left", "top"], ["right", "top"], ["bottom", "mid"], ["mid", "deep"], ["deep", "top"]],
        assignments: [toGroup("x", "top", "PROJECT_ADMIN", project("pUS"))],
      }),
      USER,
    );
    expect(r.grants).toHaveLength(1);
    expect(r.grants[0]?.via).toEqual({ kind: "group", chain: ["bottom", "left", "top"].map((id) => ({ id, displayName: id.toUpperCase() })) });
  });

  it("a user in two groups holding the same assignment twice in the snapshot gets it once", () => {
    const assignment = toGroup("x", "top", "READ_ONLY", ACCOUNT);
    const r = resolveEffectiveAccess(snapshot({ direct: ["a", "b"], edges: [["a", "top"], ["b", "top"]], assignments: [assignment, assignment] }), USER);
    expect(r.grants).toHaveLength(1);
  });

  it("keeps a direct and a group grant of the same role at the same scope apart (each is explained)", () => {
    const r = resolveEffectiveAccess(snapshot({ direct: ["g"], assignments: [toGroup("x", "g", "READ_ONLY", ACCOUNT), toUser("y", "READ_ONLY", ACCOUNT)] }), USER);
    expect(r.grants.map((g) => g.via.kind)).toEqual(["direct", "group"]);
    expect(effectiveRolesAt(r, org("fr"), tree)).toEqual([{ role: "READ_ONLY", sources: r.grants.map((grant) => ({ grant, inheritedFrom: { type: "ACCOUNT" } })) }]);
  });
});

describe("groups bound to organizations (SCIM extension)", () => {
  it("grants only inside the bound organizations' subtrees; the rest is ignored with a warning", () => {
    const r = resolveEffectiveAccess(
      snapshot({
        direct: ["g"],
        keys: { g: ["EU"] },
        assignments: [toGroup("in", "g", "PROJECT_MEMBER", org("fr")), toGroup("out", "g", "PROJECT_MEMBER", org("us")), toGroup("acct", "g", "READ_ONLY", ACCOUNT)],
      }),
      USER,
    );
    expect(r.grants.map((g) => g.assignmentId)).toEqual(["in"]);
    expect(r.warnings).toHaveLength(2);
    expect(r.warnings.join("\n")).toMatch(/Group "G" is bound to "EU".*Project member at organization US lies outside and is ignored/);
    expect(r.warnings.join("\n")).toMatch(/Read-only at the account lies outside/);
  });

  it("the binding of the group holding the assignment decides, whatever the chain", () => {
    const r = resolveEffectiveAccess(
      snapshot({ direct: ["child"], edges: [["child", "parent"]], keys: { child: ["us"] }, assignments: [toGroup("x", "parent", "READ_ONLY", org("eu"))] }),
      USER,
    );
    expect(r.grants.map((g) => g.assignmentId)).toEqual(["x"]);
  });

  it("several keys (also comma-separated in one value, as Entra sends them) bind to each", () => {
    const r = resolveEffectiveAccess(
      snapshot({ direct: ["g"], keys: { g: [" fr , US"] }, assignments: [toGroup("a", "g", "READ_ONLY", project("pFR")), toGroup("b", "g", "READ_ONLY", org("us")), toGroup("c", "g", "READ_ONLY", org("eu"))] }),
      USER,
    );
    expect(r.grants.map((g) => g.assignmentId).sort()).toEqual(["a", "b"]);
  });

  it("unknown keys bind nothing: a group naming only unknown keys grants nothing (fail closed), with warnings", () => {
    const r = resolveEffectiveAccess(snapshot({ direct: ["g"], keys: { g: ["nowhere"] }, assignments: [toGroup("a", "g", "READ_ONLY", org("eu"))] }), USER);
    expect(r.grants).toEqual([]);
    expect(r.warnings).toEqual([
      expect.stringContaining(`names organization key(s) "nowhere" that match no organization`) as string,
      expect.stringContaining("bound to no known organization") as string,
    ]);
  });

  it("an unknown key beside a known one is reported and the known one still binds", () => {
    const r = resolveEffectiveAccess(snapshot({ direct: ["g"], keys: { g: ["eu", "typo"] }, assignments: [toGroup("a", "g", "READ_ONLY", org("fr"))] }), USER);
    expect(r.grants).toHaveLength(1);
    expect(r.warnings).toEqual([expect.stringContaining(`"typo"`) as string]);
  });

  it("an empty list leaves the group unbound", () => {
    const r = resolveEffectiveAccess(snapshot({ direct: ["g"], keys: { g: [] }, assignments: [toGroup("a", "g", "READ_ONLY", ACCOUNT)] }), USER);
    expect(r.grants).toHaveLength(1);
  });
});

describe("individual roles are preserved", () => {
  const full = snapshot({
    direct: ["team"],
    edges: [["team", "dept"]],
    assignments: [toUser("mine", "PROJECT_MEMBER", project("pFR")), toGroup("team-role", "team", "PROJECT_MEMBER", project("pFR")), toGroup("dept-role", "dept", "READ_ONLY", org("eu"))],
  });

  it("holds both before", () => {
    expect(resolveEffectiveAccess(full, USER).grants.map((g) => g.assignmentId)).toEqual(["mine", "team-role", "dept-role"]);
  });

  it("leaving the group keeps the individual role only", () => {
    const left = { ...full, directGroupIds: [] };
    expect(resolveEffectiveAccess(left, USER).grants.map((g) => g.assignmentId)).toEqual(["mine"]);
  });

  it("removing a nesting edge removes only what came through it", () => {
    const unnested = { ...full, memberships: [] };
    expect(resolveEffectiveAccess(unnested, USER).grants.map((g) => g.assignmentId)).toEqual(["mine", "team-role"]);
  });

  it("removing a group's assignment removes that grant only, even when it gave the same role at the same place", () => {
    const removed = { ...full, assignments: full.assignments.filter((a) => a.id !== "team-role") };
    const r = resolveEffectiveAccess(removed, USER);
    expect(r.grants.map((g) => g.assignmentId)).toEqual(["mine", "dept-role"]);
    expect(effectiveRolesAt(r, project("pFR"), tree).map((x) => x.role)).toEqual(["READ_ONLY", "PROJECT_MEMBER"]);
  });
});

describe("the role catalogue", () => {
  it("defines every role, each including resources.read, assignable somewhere", () => {
    for (const role of ROLES) {
      expect(ROLE_CATALOGUE[role].permissions).toContain("resources.read");
      expect(ROLE_CATALOGUE[role].assignableAt.length).toBeGreaterThan(0);
    }
  });

  it("answers which roles grant a permission", () => {
    expect(rolesGranting("account.administer")).toEqual(["ADMINISTRATOR"]);
    expect(rolesGranting("project.use")).toEqual(["ADMINISTRATOR", "TECHNICAL", "PROJECT_ADMIN", "PROJECT_MEMBER"]);
    expect(rolesGranting("resources.read")).toEqual([...ROLES]);
  });

  it("keeps project roles off the account", () => {
    expect(ROLE_CATALOGUE.PROJECT_ADMIN.assignableAt).not.toContain("ACCOUNT");
    expect(ROLE_CATALOGUE.PROJECT_MEMBER.assignableAt).not.toContain("ACCOUNT");
    expect(ROLE_CATALOGUE.ADMINISTRATOR.assignableAt).toEqual(["ACCOUNT", "ORGANIZATION"]);
  });
});
