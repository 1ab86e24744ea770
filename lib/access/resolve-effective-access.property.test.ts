import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/client";
import { appliesAt } from "./applies-at";
import { buildOrgTree, type OrgTree } from "./org-tree";
import { resolveEffectiveAccess } from "./resolve-effective-access";
import { ROLES } from "./roles";
import type { AccessSnapshot, AssignmentRecord, EffectiveGrant, ScopeRef } from "./types";

// Random organization forests, random group graphs (cycles, self-loops, diamonds), random bindings and
// assignments. The checks below recompute what they need naively, independently of the resolver.

const USER = "me";

interface World {
  orgParents: (number | null)[];
  projectOrgs: number[];
  groupCount: number;
  edges: [number, number][];
  direct: number[];
  bindings: (number | "unknown")[][];
  assignments: { principal: number | "me" | "someone"; role: Role; scope: ["ACCOUNT"] | ["ORGANIZATION", number] | ["PROJECT", number] }[];
}

const world: fc.Arbitrary<World> = fc
  .record({ orgCount: fc.integer({ min: 1, max: 9 }), projectCount: fc.integer({ min: 0, max: 8 }), groupCount: fc.integer({ min: 1, max: 9 }) })
  .chain(({ orgCount, projectCount, groupCount }) =>
    fc.record({
      // Parent of org i is null or an earlier org: a forest.
      orgParents: fc.tuple(...Array.from({ length: orgCount }, (_, i) => (i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { nil: null })))),
      projectOrgs: fc.array(fc.integer({ min: 0, max: orgCount - 1 }), { minLength: projectCount, maxLength: projectCount }),
      groupCount: fc.constant(groupCount),
      edges: fc.array(fc.tuple(fc.integer({ min: 0, max: groupCount - 1 }), fc.integer({ min: 0, max: groupCount - 1 })), { maxLength: 20 }),
      direct: fc.uniqueArray(fc.integer({ min: 0, max: groupCount - 1 }), { maxLength: 3 }),
      bindings: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant<(number | "unknown")[]>([]) }, { weight: 2, arbitrary: fc.array(fc.oneof(fc.integer({ min: 0, max: orgCount - 1 }), fc.constant("unknown" as const)), { minLength: 1, maxLength: 2 }) }), {
        minLength: groupCount,
        maxLength: groupCount,
      }),
      assignments: fc.array(
        fc.record({
          principal: fc.oneof(fc.integer({ min: 0, max: groupCount - 1 }), fc.constant("me" as const), fc.constant("someone" as const)),
          role: fc.constantFrom(...ROLES),
          scope: fc.oneof(
            fc.constant(["ACCOUNT"] as ["ACCOUNT"]),
            fc.integer({ min: 0, max: orgCount - 1 }).map((i) => ["ORGANIZATION", i] as ["ORGANIZATION", number]),
            ...(projectCount > 0 ? [fc.integer({ min: 0, max: projectCount - 1 }).map((i) => ["PROJECT", i] as ["PROJECT", number])] : []),
          ),
        }),
        { maxLength: 14 },
      ),
    }),
  );

const orgId = (i: number) => `o${i}`;
const projectId = (i: number) => `p${i}`;
const groupId = (i: number) => `g${i}`;

function build(w: World): { snapshot: AccessSnapshot; tree: OrgTree; targets: ScopeRef[] } {
  const tree = buildOrgTree(
    w.orgParents.map((parent, i) => ({ id: orgId(i), name: `Org ${i}`, parentId: parent === null ? null : orgId(parent), key: `k${i}` })),
    w.projectOrgs.map((o, i) => ({ id: projectId(i), name: `Project ${i}`, organizationId: orgId(o) })),
  );
  const assignments: AssignmentRecord[] = w.assignments.map((a, i) => ({
    id: `a${i}`,
    role: a.role,
    principal: a.principal === "me" ? { type: "user", id: USER } : a.principal === "someone" ? { type: "user", id: "someone" } : { type: "group", id: groupId(a.principal) },
    scope: a.scope[0] === "ACCOUNT" ? { type: "ACCOUNT" } : a.scope[0] === "ORGANIZATION" ? { type: "ORGANIZATION", id: orgId(a.scope[1]) } : { type: "PROJECT", id: projectId(a.scope[1]) },
  }));
  const snapshot: AccessSnapshot = {
    directGroupIds: w.direct.map(groupId),
    groups: Array.from({ length: w.groupCount }, (_, i) => ({
      id: groupId(i),
      displayName: `Group ${i}`,
      organizationKeys: (w.bindings[i] ?? []).map((b) => (b === "unknown" ? "no-such-key" : `K${b}`)),
    })),
    memberships: w.edges.map(([child, parent]) => ({ childId: groupId(child), parentId: groupId(parent) })),
    assignments,
    orgTree: tree,
  };
  const targets: ScopeRef[] = [
    { type: "ACCOUNT" },
    ...w.orgParents.map((_, i): ScopeRef => ({ type: "ORGANIZATION", id: orgId(i) })),
    ...w.projectOrgs.map((_, i): ScopeRef => ({ type: "PROJECT", id: projectId(i) })),
  ];
  return { snapshot, tree, targets };
}

/** The organizations at and below org `i`, from the generator's arrays (not the resolver's tree code). */
function subtreeOf(w: World, i: number): Set<number> {
  const inside = new Set([i]);
  for (let grew = true; grew; ) {
    grew = false;
    w.orgParents.forEach((parent, child) => {
      if (parent !== null && inside.has(parent) && !inside.has(child)) {
        inside.add(child);
        grew = true;
      }
    });
  }
  return inside;
}

/** Whether a target lies in the subtree an assignment's scope names, computed from the generator's arrays. */
function naiveWithin(w: World, scope: ScopeRef, target: ScopeRef): boolean {
  if (scope.type === "ACCOUNT") return true;
  if (scope.type === "PROJECT") return target.type === "PROJECT" && target.id === scope.id;
  if (target.type === "ACCOUNT") return false;
  const subtree = subtreeOf(w, Number(scope.id.slice(1)));
  const home = target.type === "ORGANIZATION" ? Number(target.id.slice(1)) : w.projectOrgs[Number(target.id.slice(1))]!;
  return subtree.has(home);
}

/** Groups reachable from the direct groups with their distances (fixpoint relaxation, not a BFS). */
function naiveDistances(w: World): Map<number, number> {
  const distance = new Map<number, number>(w.direct.map((d) => [d, 1]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [child, parent] of w.edges) {
      const through = distance.get(child);
      if (through !== undefined && (distance.get(parent) ?? Infinity) > through + 1) {
        distance.set(parent, through + 1);
        changed = true;
      }
    }
  }
  return distance;
}

const scopeOf = (snapshot: AccessSnapshot, grant: EffectiveGrant) => snapshot.assignments.find((a) => a.id === grant.assignmentId)!.scope;

describe("resolver properties", () => {
  it("(a) every grant applies only inside its assignment's scope subtree, and at all of it", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { snapshot, tree, targets } = build(w);
        for (const grant of resolveEffectiveAccess(snapshot, USER).grants) {
          const scope = scopeOf(snapshot, grant);
          expect(grant.scope.type).toBe(scope.type);
          for (const target of targets) expect(appliesAt(grant, target, tree).applies).toBe(naiveWithin(w, scope, target));
        }
      }),
      { numRuns: 400 },
    );
  });

  it("(b) nothing reaches a sibling subtree, and a bound group grants only inside its organizations", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { snapshot, tree, targets } = build(w);
        for (const grant of resolveEffectiveAccess(snapshot, USER).grants) {
          if (grant.scope.type === "ORGANIZATION") {
            const o = Number(grant.scope.id.slice(1));
            const siblings = w.orgParents.map((p, i) => [p, i] as const).filter(([p, i]) => i !== o && p === w.orgParents[o]);
            for (const [, s] of siblings) {
              const sibling = subtreeOf(w, s);
              for (const target of targets) {
                const home = target.type === "ORGANIZATION" ? Number(target.id.slice(1)) : target.type === "PROJECT" ? w.projectOrgs[Number(target.id.slice(1))]! : -1;
                if (sibling.has(home)) expect(appliesAt(grant, target, tree).applies).toBe(false);
              }
            }
          }
          if (grant.via.kind === "group") {
            const holder = Number(grant.via.chain[grant.via.chain.length - 1]!.id.slice(1));
            const bound = (w.bindings[holder] ?? []).filter((b): b is number => b !== "unknown");
            if ((w.bindings[holder] ?? []).length > 0) {
              expect(grant.scope.type).not.toBe("ACCOUNT");
              const scope = scopeOf(snapshot, grant);
              expect(bound.some((b) => naiveWithin(w, { type: "ORGANIZATION", id: orgId(b) }, scope))).toBe(true);
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("(c) removing a group (its edges and assignments) never removes a direct grant, and never adds anything", () => {
    fc.assert(
      fc.property(world, fc.nat(), (w, pick) => {
        const { snapshot } = build(w);
        const before = resolveEffectiveAccess(snapshot, USER);
        const gone = groupId(pick % w.groupCount);
        const without: AccessSnapshot = {
          ...snapshot,
          directGroupIds: snapshot.directGroupIds.filter((g) => g !== gone),
          groups: snapshot.groups.filter((g) => g.id !== gone),
          memberships: snapshot.memberships.filter((m) => m.childId !== gone && m.parentId !== gone),
          assignments: snapshot.assignments.filter((a) => !(a.principal.type === "group" && a.principal.id === gone)),
        };
        const after = resolveEffectiveAccess(without, USER);
        const direct = (r: typeof before) => r.grants.filter((g) => g.via.kind === "direct").map((g) => g.assignmentId);
        expect(direct(after)).toEqual(direct(before));
        const previously = new Set(before.grants.map((g) => g.assignmentId));
        for (const grant of after.grants) expect(previously.has(grant.assignmentId)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("(d) always terminates, with exactly the reachable groups' grants along valid shortest chains", () => {
    fc.assert(
      fc.property(world, (w) => {
        const { snapshot } = build(w);
        const result = resolveEffectiveAccess(snapshot, USER);
        const distances = naiveDistances(w);
        const edges = new Set(w.edges.map(([c, p]) => `${groupId(c)}>${groupId(p)}`));
        const ids = result.grants.map((g) => g.assignmentId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const grant of result.grants) {
          if (grant.via.kind === "direct") continue;
          const chain = grant.via.chain.map((c) => c.id);
          expect(snapshot.directGroupIds).toContain(chain[0]);
          for (let i = 1; i < chain.length; i++) expect(edges.has(`${chain[i - 1]}>${chain[i]}`)).toBe(true);
          expect(new Set(chain).size).toBe(chain.length);
          expect(chain.length).toBe(distances.get(Number(chain[chain.length - 1]!.slice(1))));
        }
        // Every assignment of the user or of a reachable, unbound group is granted.
        for (const a of snapshot.assignments) {
          const mine = a.principal.type === "user" ? a.principal.id === USER : distances.has(Number(a.principal.id.slice(1))) && (w.bindings[Number(a.principal.id.slice(1))] ?? []).length === 0;
          if (mine) expect(ids).toContain(a.id);
          if (a.principal.type === "user" && a.principal.id !== USER) expect(ids).not.toContain(a.id);
          if (a.principal.type === "group" && !distances.has(Number(a.principal.id.slice(1)))) expect(ids).not.toContain(a.id);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("(d) terminates on a chain of 20,000 groups knotted by cycles (no recursion to overflow)", () => {
    const n = 20_000;
    const chain = Array.from({ length: n - 1 }, (_, i) => ({ childId: `g${i}`, parentId: `g${i + 1}` }));
    const knots = Array.from({ length: n }, (_, i) => ({ childId: `g${i}`, parentId: `g${(i * 7 + 13) % n}` })).filter((m) => m.childId !== m.parentId);
    const memberships = [...chain, ...knots];
    const snapshot: AccessSnapshot = {
      directGroupIds: ["g0"],
      groups: Array.from({ length: n }, (_, i) => ({ id: `g${i}`, displayName: `Group ${i}`, organizationKeys: [] })),
      memberships,
      assignments: [{ id: "a", role: "READ_ONLY", principal: { type: "group", id: `g${n - 1}` }, scope: { type: "ACCOUNT" } }],
      orgTree: buildOrgTree([], []),
    };
    const result = resolveEffectiveAccess(snapshot, USER);
    expect(result.grants).toHaveLength(1);
    expect(result.warnings.length).toBeGreaterThan(0);
  });
});
