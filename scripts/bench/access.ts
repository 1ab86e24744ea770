// `npm run bench:access` ("bench:access": "tsx scripts/bench/access.ts"): times the access model on an account of
// 100,000 users and 10,000 groups (a 10-level nesting chain among them), a 5-level organization tree with projects,
// and role assignments on groups and users at every kind of scope. Prints a report (also written to
// .data/bench-access/report.json). A benchmark, not a test: it fails only when it cannot run or a sanity check fails.
//
//   BENCH_USERS=100000          directory users, each linked to a portal user (plus BENCH_NEWCOMERS outside every group)
//   BENCH_GROUPS=10000          directory groups
//   BENCH_CALLS=2000            measured calls per scenario (after BENCH_WARMUP warm-up calls)
//   BENCH_PATCH_SIZE=1000       members added/removed per PATCH of the 100,000-member group
//   BENCH_ACCESS_PG_PORT=54392  the embedded PostgreSQL (data in .data/bench-access/pg)
//   BENCH_DATABASE_URL          a PostgreSQL server (maintenance database URL) instead; database access_bench is recreated
//   BENCH_REUSE=1               measure the database seeded by a previous run instead of seeding again
//
// Access is resolved at read time (no materialised table): the "recompute after a membership change" section times
// the change itself (a SCIM PATCH through lib/directory, with its audit events and provisioning) and the first
// explainAccess of an affected member right after it.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.mjs";
import { applyMigrations } from "../prisma/migrations.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const benchDir = path.join(root, ".data", "bench-access");
const DATABASE = "access_bench";
const BENCH_SECRET = "bench-only-app-secret-0123456789abcdefghijklmnop";
const ORGANIZATION_EXTENSION = "urn:ietf:params:scim:schemas:extension:fedportal:2.0:Organization";

function integer(name: string, fallback: number): number {
  const raw = process.env[name]?.replaceAll("_", "");
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${process.env[name]}")`);
  return value;
}

const config = {
  users: integer("BENCH_USERS", 100_000),
  newcomers: integer("BENCH_PATCH_SIZE", 1_000),
  groups: Math.max(100, integer("BENCH_GROUPS", 10_000)),
  calls: integer("BENCH_CALLS", 2_000),
  warmup: integer("BENCH_WARMUP", 300),
  pgPort: integer("BENCH_ACCESS_PG_PORT", 54392),
};

const started = Date.now();
const log = (message: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

// A seeded generator, so that every run builds the same data.
let seed = 0x2545f491;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

// ---------------------------------------------------------------------------------------------------------------
// Data, set-based.

interface Seeded {
  accountId: string;
  chainUser: string;
  randomUsers: string[];
  newcomers: { directoryId: string; portalId: string }[];
  bigGroup: string;
  plainGroup: string;
  projectOfChain: string;
  counts: Record<string, number>;
}

const ROLES_AT = {
  ACCOUNT: ["ADMINISTRATOR", "BILLING", "TECHNICAL", "READ_ONLY"],
  ORGANIZATION: ["ADMINISTRATOR", "BILLING", "TECHNICAL", "READ_ONLY", "PROJECT_ADMIN", "PROJECT_MEMBER"],
  PROJECT: ["TECHNICAL", "READ_ONLY", "PROJECT_ADMIN", "PROJECT_MEMBER"],
} as const;

async function seedData(c: pg.Client): Promise<Seeded> {
  const account = await c.query<{ id: string }>(`INSERT INTO "Account" (slug, name) VALUES ('bench-access', 'Access Bench') RETURNING id::text`);
  const accountId = account.rows[0]!.id;
  await c.query(`INSERT INTO "Provisioning" ("accountId", state, scope) VALUES ($1::uuid, 'ACTIVE', 'NOT_RESTRICTED')`, [accountId]);

  // A 5-level organization tree: 1 root, branching 4 (341 organizations); 3 projects per leaf, 1 per other.
  const orgs: { id: string; parent: string | null; level: number; key: string; name: string }[] = [];
  let level = [{ id: crypto.randomUUID(), parent: null as string | null, level: 1, key: "org-1", name: "Org 1" }];
  orgs.push(...level);
  for (let depth = 2; depth <= 5; depth++) {
    const next = level.flatMap((o) => Array.from({ length: 4 }, (_, i) => ({ id: crypto.randomUUID(), parent: o.id, level: depth, key: `${o.key}-${i + 1}`, name: `${o.name}.${i + 1}` })));
    orgs.push(...next);
    level = next;
  }
  await c.query(
    `INSERT INTO "Organization" (id, "accountId", "parentId", name, key)
     SELECT id, $1::uuid, parent, name, key FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS t(id, parent, name, key)`,
    [accountId, orgs.map((o) => o.id), orgs.map((o) => o.parent), orgs.map((o) => o.name), orgs.map((o) => o.key)],
  );
  const projects = orgs.flatMap((o) => Array.from({ length: o.level === 5 ? 3 : 1 }, (_, i) => ({ id: crypto.randomUUID(), org: o.id, name: `${o.name} project ${i + 1}` })));
  await c.query(
    `INSERT INTO "Project" (id, "accountId", "organizationId", name) SELECT id, $1::uuid, org, name FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS t(id, org, name)`,
    [accountId, projects.map((p) => p.id), projects.map((p) => p.org), projects.map((p) => p.name)],
  );

  // Portal users and their directory users (linked), plus newcomers who are in no group yet.
  await c.query(
    `INSERT INTO "User" ("accountId", "userName", "userNameKey", source)
     SELECT $1::uuid, 'user.' || n || '@bench.test', 'user.' || n || '@bench.test', 'SCIM'::"UserSource" FROM generate_series(1, $2::int) AS n
     UNION ALL SELECT $1::uuid, 'new.' || n || '@bench.test', 'new.' || n || '@bench.test', 'SCIM' FROM generate_series(1, $3::int) AS n
     UNION ALL SELECT $1::uuid, 'chain.user@bench.test', 'chain.user@bench.test', 'SCIM'`,
    [accountId, config.users, config.newcomers],
  );
  await c.query(
    `INSERT INTO "DirectoryUser" ("accountId", "userName", "userNameKey", attributes, "emailKeys", "portalUserId")
     SELECT u."accountId", u."userName", u."userNameKey",
            jsonb_build_object('userName', u."userName", 'active', true, 'emails', jsonb_build_array(jsonb_build_object('value', u."userName", 'type', 'work'))),
            ARRAY[u."userNameKey"], u.id
     FROM "User" u WHERE u."accountId" = $1::uuid`,
    [accountId],
  );
  const directoryOf = async (pattern: string) =>
    (await c.query<{ id: string; portal: string }>(`SELECT id::text, "portalUserId"::text AS portal FROM "DirectoryUser" WHERE "accountId" = $1::uuid AND "userNameKey" LIKE $2 ORDER BY "userNameKey"`, [accountId, pattern])).rows;
  const users = await directoryOf("user.%");
  const chainUser = (await directoryOf("chain.user@%"))[0]!;

  // Groups: a hierarchy (branching 10, some groups with a second parent: diamonds; three cycles), a 10-level chain,
  // a group of every regular user ("All Staff", mapped) and a second one with no role ("Plain Big", for comparison).
  const chainLength = 11;
  const hierarchy = config.groups - chainLength - 2;
  const names = [
    ...Array.from({ length: hierarchy }, (_, i) => `Group ${i}`),
    ...Array.from({ length: chainLength }, (_, i) => `Chain ${i}`),
    "All Staff",
    "Plain Big",
  ];
  const groupIds = names.map(() => crypto.randomUUID());
  await c.query(
    `INSERT INTO "DirectoryGroup" (id, "accountId", "displayName", "displayNameKey", attributes)
     SELECT id, $1::uuid, name, lower(name), jsonb_build_object('displayName', name) FROM unnest($2::uuid[], $3::text[]) AS t(id, name)`,
    [accountId, groupIds, names],
  );
  const group = (i: number) => groupIds[i]!;
  const chain = (i: number) => groupIds[hierarchy + i]!;
  const bigGroup = groupIds[hierarchy + chainLength]!;
  const plainGroup = groupIds[hierarchy + chainLength + 1]!;

  const edges: [string, string][] = [];
  for (let i = 1; i < hierarchy; i++) {
    edges.push([group(i), group(Math.floor((i - 1) / 10))]);
    if (random() < 0.1) {
      const second = Math.floor(random() * i);
      if (second !== Math.floor((i - 1) / 10)) edges.push([group(i), group(second)]);
    }
  }
  for (const i of [1, 2, 3]) edges.push([group(i), group(i * 10 + 5)]); // a parent nested in its own child
  for (let i = 0; i + 1 < chainLength; i++) edges.push([chain(i), chain(i + 1)]);
  edges.push([chain(chainLength - 1), group(7)]); // the chain hangs under the hierarchy too
  await c.query(
    `INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberGroupId")
     SELECT $1::uuid, parent, child FROM unnest($2::uuid[], $3::uuid[]) AS t(child, parent) ON CONFLICT DO NOTHING`,
    [accountId, edges.map((e) => e[0]), edges.map((e) => e[1])],
  );

  // Each regular user in 3 random hierarchy groups; everyone regular in All Staff and Plain Big.
  await c.query(`SELECT setseed(0.42)`);
  await c.query(
    `INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberUserId")
     SELECT $1::uuid, ($2::uuid[])[1 + floor(random() * $3::int)::int], u.id
     FROM "DirectoryUser" u CROSS JOIN generate_series(1, 3)
     WHERE u."accountId" = $1::uuid AND u."userNameKey" LIKE 'user.%'
     ON CONFLICT DO NOTHING`,
    [accountId, groupIds.slice(0, hierarchy), hierarchy],
  );
  for (const g of [bigGroup, plainGroup]) {
    await c.query(
      `INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberUserId")
       SELECT $1::uuid, $2::uuid, u.id FROM "DirectoryUser" u WHERE u."accountId" = $1::uuid AND u."userNameKey" LIKE 'user.%'`,
      [accountId, g],
    );
  }
  await c.query(
    `INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberUserId") VALUES ($1::uuid, $2::uuid, $3::uuid)`,
    [accountId, chain(0), chainUser.id],
  );

  // Role assignments: on 1,000 hierarchy groups (a fifth of them bound to an organization through our SCIM
  // extension), on the chain, on All Staff, and 5,000 individual ones.
  const orgsAt = (lvl: number) => orgs.filter((o) => o.level === lvl);
  const assignments = new Map<string, { role: string; user: string | null; group: string | null; scope: string; org: string | null; project: string | null; scopeKey: string }>();
  const add = (principal: { user: string } | { group: string }, scope: "ACCOUNT" | "ORGANIZATION" | "PROJECT", target: string | null) => {
    const role = pick(ROLES_AT[scope]);
    const scopeKey = scope === "ACCOUNT" ? "account" : `${scope.toLowerCase()}:${target}`;
    const principalKey = "user" in principal ? `user:${principal.user}` : `group:${principal.group}`;
    assignments.set(`${principalKey}|${role}|${scopeKey}`, {
      role,
      user: "user" in principal ? principal.user : null,
      group: "group" in principal ? principal.group : null,
      scope,
      org: scope === "ORGANIZATION" ? target : null,
      project: scope === "PROJECT" ? target : null,
      scopeKey,
    });
  };
  const randomScope = (): ["ACCOUNT" | "ORGANIZATION" | "PROJECT", string | null] => {
    const r = random();
    if (r < 0.05) return ["ACCOUNT", null];
    if (r < 0.7) return ["ORGANIZATION", pick(orgsAt(1 + Math.floor(random() * 5))).id];
    return ["PROJECT", pick(projects).id];
  };
  const bound: { group: string; key: string }[] = [];
  for (let i = 0; i < 1000; i++) {
    const g = group(Math.floor(random() * hierarchy));
    add({ group: g }, ...randomScope());
    if (random() < 0.2) bound.push({ group: g, key: pick(orgsAt(2)).key.toUpperCase() });
  }
  const level2 = orgsAt(2)[1]!;
  const level4 = orgs.find((o) => o.level === 4 && o.parent !== null && orgs.find((p) => p.id === o.parent)?.parent === level2.id)!;
  const projectOfChain = projects.find((p) => orgs.find((o) => o.id === p.org)?.parent === level4.id)!.id;
  assignments.set(`chain10`, { role: "PROJECT_MEMBER", user: null, group: chain(chainLength - 1), scope: "ORGANIZATION", org: level2.id, project: null, scopeKey: `organization:${level2.id}` });
  assignments.set(`chain5`, { role: "TECHNICAL", user: null, group: chain(5), scope: "ORGANIZATION", org: level4.id, project: null, scopeKey: `organization:${level4.id}` });
  assignments.set(`chain0`, { role: "READ_ONLY", user: null, group: chain(0), scope: "PROJECT", org: null, project: projectOfChain, scopeKey: `project:${projectOfChain}` });
  assignments.set(`staff`, { role: "READ_ONLY", user: null, group: bigGroup, scope: "ORGANIZATION", org: orgs[0]!.id, project: null, scopeKey: `organization:${orgs[0]!.id}` });
  for (let i = 0; i < 5000; i++) add({ user: pick(users).portal }, ...randomScope());
  const list = [...assignments.values()];
  await c.query(
    `INSERT INTO "RoleAssignment" ("accountId", role, "userId", "groupId", scope, "organizationId", "projectId", "grantedBy", "principalKey", "scopeKey")
     SELECT $1::uuid, role::"Role", u, g, scope::"RoleScope", o, p, 'ADMINISTRATOR', CASE WHEN u IS NULL THEN 'group:' || g ELSE 'user:' || u END, sk
     FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::uuid[], $8::text[]) AS t(role, u, g, scope, o, p, sk)
     ON CONFLICT DO NOTHING`,
    [accountId, list.map((a) => a.role), list.map((a) => a.user), list.map((a) => a.group), list.map((a) => a.scope), list.map((a) => a.org), list.map((a) => a.project), list.map((a) => a.scopeKey)],
  );
  await c.query(
    `UPDATE "DirectoryGroup" g SET attributes = g.attributes || jsonb_build_object($2::text, jsonb_build_object('organizations', jsonb_build_array(b.key)))
     FROM unnest($3::uuid[], $4::text[]) AS b(id, key) WHERE g.id = b.id AND g."accountId" = $1::uuid`,
    [accountId, ORGANIZATION_EXTENSION, bound.map((b) => b.group), bound.map((b) => b.key)],
  );
  await c.query("VACUUM (ANALYZE)");

  return readSeeded(c);
}

/** What the measurements need, read back from a seeded database (also to reuse one: BENCH_REUSE=1). */
async function readSeeded(c: pg.Client): Promise<Seeded> {
  const one = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const row = (await c.query<T>(sql, params)).rows[0];
    if (!row) throw new Error(`nothing for ${sql}`);
    return row;
  };
  const { id: accountId } = await one<{ id: string }>(`SELECT id::text FROM "Account" WHERE slug = 'bench-access'`);
  const portals = async (pattern: string) =>
    (await c.query<{ id: string; portal: string }>(`SELECT id::text, "portalUserId"::text AS portal FROM "DirectoryUser" WHERE "accountId" = $1::uuid AND "userNameKey" LIKE $2 ORDER BY "userNameKey"`, [accountId, pattern])).rows;
  const groupNamed = async (name: string) => (await one<{ id: string }>(`SELECT id::text FROM "DirectoryGroup" WHERE "accountId" = $1::uuid AND "displayNameKey" = $2`, [accountId, name])).id;
  const chain0 = await groupNamed("chain 0");
  const count = async (sql: string) => Number((await one<{ count: string }>(sql, [accountId])).count);
  return {
    accountId,
    chainUser: (await portals("chain.user@%"))[0]!.portal,
    randomUsers: (await portals("user.%")).map((u) => u.portal),
    newcomers: (await portals("new.%")).map((r) => ({ directoryId: r.id, portalId: r.portal })),
    bigGroup: await groupNamed("all staff"),
    plainGroup: await groupNamed("plain big"),
    projectOfChain: (await one<{ id: string }>(`SELECT "projectId"::text AS id FROM "RoleAssignment" WHERE "accountId" = $1::uuid AND "groupId" = $2::uuid AND scope = 'PROJECT'`, [accountId, chain0])).id,
    counts: {
      organizations: await count(`SELECT count(*) FROM "Organization" WHERE "accountId" = $1::uuid`),
      projects: await count(`SELECT count(*) FROM "Project" WHERE "accountId" = $1::uuid`),
      portalUsers: await count(`SELECT count(*) FROM "User" WHERE "accountId" = $1::uuid`),
      groups: await count(`SELECT count(*) FROM "DirectoryGroup" WHERE "accountId" = $1::uuid`),
      userMemberships: await count(`SELECT count(*) FROM "DirectoryMembership" WHERE "accountId" = $1::uuid AND "memberUserId" IS NOT NULL`),
      groupMemberships: await count(`SELECT count(*) FROM "DirectoryMembership" WHERE "accountId" = $1::uuid AND "memberGroupId" IS NOT NULL`),
      assignments: await count(`SELECT count(*) FROM "RoleAssignment" WHERE "accountId" = $1::uuid`),
      groupAssignments: await count(`SELECT count(*) FROM "RoleAssignment" WHERE "accountId" = $1::uuid AND "groupId" IS NOT NULL`),
      boundGroups: await count(`SELECT count(*) FROM "DirectoryGroup" WHERE "accountId" = $1::uuid AND attributes ? '${ORGANIZATION_EXTENSION}'`),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements.

interface Stats {
  calls: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { calls: samples.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1]!), mean: round(samples.reduce((a, b) => a + b, 0) / samples.length) };
}

async function timed(calls: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

/** `workers` callers at once, each timing its own calls (latency under concurrent load). */
async function timedConcurrently(workers: number, callsEach: number, fn: (i: number) => Promise<unknown>): Promise<Stats & { throughputPerSecond: number }> {
  const samples: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < callsEach; i++) {
        const t = performance.now();
        await fn(w * callsEach + i);
        samples.push(performance.now() - t);
      }
    }),
  );
  return { ...stats(samples), throughputPerSecond: Math.round((samples.length / (performance.now() - t0)) * 1000) };
}

async function measure(url: string, seeded: Seeded) {
  process.env.DATABASE_URL = url;
  process.env.APP_SECRET ??= BENCH_SECRET;
  const { db } = await import("@/lib/db");
  const { explainAccess, can, accessibleTargets } = await import("@/lib/access/explain-access");
  const { accessSnapshotSql, loadAccessSnapshot } = await import("@/lib/access/load-access-snapshot");
  const { resolveEffectiveAccess } = await import("@/lib/access/resolve-effective-access");
  const { patchGroup } = await import("@/lib/directory/group-operations");
  try {
    const { accountId } = seeded;
    const randomUser = () => pick(seeded.randomUsers);

    // Sanity: the chain user holds the chain's roles through the 10 levels, and the whole chain is explained.
    const chain = await explainAccess(accountId, seeded.chainUser);
    const deepest = chain.grants.find((g) => g.via.kind === "group" && g.via.chain.length === 11);
    if (!deepest) throw new Error(`the chain user lacks the role held 10 levels up: ${JSON.stringify(chain.grants)}`);
    const { snapshot } = await loadAccessSnapshot(accountId, seeded.chainUser);
    const randomSizes = await Promise.all(Array.from({ length: 200 }, async () => (await loadAccessSnapshot(accountId, randomUser())).snapshot));
    const mean = (f: (s: typeof snapshot) => number) => Math.round((randomSizes.reduce((a, s) => a + f(s), 0) / randomSizes.length) * 10) / 10;

    log(`explainAccess: ${config.calls} calls per scenario after ${config.warmup} warm-up calls…`);
    const explainRandom = await timed(config.calls, config.warmup, () => explainAccess(accountId, randomUser()));
    // The same for users seen before: the first visit of a user after the server started reads its pages from disk
    // (the database is twice the default shared_buffers); a running portal keeps its active users' pages cached.
    const regulars = Array.from({ length: 500 }, randomUser);
    for (const user of regulars) await explainAccess(accountId, user);
    const explainWarm = await timed(config.calls, 0, () => explainAccess(accountId, pick(regulars)));
    const explainChain = await timed(config.calls, config.warmup, () => explainAccess(accountId, seeded.chainUser));
    const canChain = await timed(config.calls, 100, () => can(accountId, seeded.chainUser, "project.use", { type: "PROJECT", id: seeded.projectOfChain }));
    const loadOnly = await timed(config.calls, 100, () => loadAccessSnapshot(accountId, seeded.chainUser));
    const resolveOnly = await timed(config.calls, 100, () => Promise.resolve(resolveEffectiveAccess(snapshot, seeded.chainUser)));
    // Inside PostgreSQL: planning and execution of the statement (EXPLAIN ANALYZE; plans are custom here, while the
    // portal's prepared statement reuses its plan), median of 50.
    const statement = accessSnapshotSql(accountId, seeded.chainUser);
    const server: { planning: number[]; execution: number[] } = { planning: [], execution: [] };
    for (let i = 0; i < 50; i++) {
      const plan = await db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE) ${statement.text}`, ...statement.values);
      const timing = (label: string) => Number(/([\d.]+) ms/.exec(plan.find((r) => r["QUERY PLAN"].startsWith(label))?.["QUERY PLAN"] ?? "")?.[1] ?? NaN);
      server.planning.push(timing("Planning Time"));
      server.execution.push(timing("Execution Time"));
    }
    const targets = await timed(Math.min(300, config.calls), 20, () => accessibleTargets(accountId, randomUser()));
    const concurrent = await timedConcurrently(8, Math.ceil(config.calls / 8), () => explainAccess(accountId, randomUser()));

    // The membership change: Entra/Okta PATCHes of the 100,000-member group, through lib/directory exactly as the
    // SCIM route calls it (audit events, provisioning of the members, the access audit of lib/access).
    log(`membership changes: PATCH ±${seeded.newcomers.length} members on groups of 100,000…`);
    const ctx = { accountId, actor: { type: "SCIM_TOKEN" as const, label: "Bench IdP" }, requestId: "bench", baseUrl: "http://bench.invalid/scim/v2" };
    const patch = (op: "add" | "remove") => ({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op, path: "members", value: seeded.newcomers.map((n) => ({ value: n.directoryId })) }],
    });
    // The SCIM route answers a group PATCH without its members (204, or the group without members): same projection.
    const AS_THE_ROUTE = { excludedAttributes: ["members"] };
    const member = seeded.newcomers[0]!;
    const rounds: { group: string; addMs: number; explainAfterAddMs: number; rolesAfterAdd: number; removeMs: number; explainAfterRemoveMs: number; rolesAfterRemove: number }[] = [];
    for (let round = 0; round < 3; round++) {
      for (const [label, groupId] of [["All Staff (mapped to a role)", seeded.bigGroup], ["Plain Big (no role)", seeded.plainGroup]] as const) {
        let t = performance.now();
        await patchGroup(ctx, groupId, patch("add"), null, AS_THE_ROUTE);
        const addMs = performance.now() - t;
        t = performance.now();
        const afterAdd = await explainAccess(accountId, member.portalId);
        const explainAfterAddMs = performance.now() - t;
        t = performance.now();
        await patchGroup(ctx, groupId, patch("remove"), null, AS_THE_ROUTE);
        const removeMs = performance.now() - t;
        t = performance.now();
        const afterRemove = await explainAccess(accountId, member.portalId);
        const explainAfterRemoveMs = performance.now() - t;
        rounds.push({ group: label, addMs, explainAfterAddMs, rolesAfterAdd: afterAdd.grants.length, removeMs, explainAfterRemoveMs, rolesAfterRemove: afterRemove.grants.length });
      }
    }
    if (rounds.some((r) => r.group.startsWith("All") && (r.rolesAfterAdd !== 1 || r.rolesAfterRemove !== 0))) throw new Error(`membership change not reflected: ${JSON.stringify(rounds)}`);

    // The same change as bare SQL (what the write itself costs, without SCIM parsing, audit and provisioning).
    const ids = seeded.newcomers.map((n) => n.directoryId);
    const sqlRounds: { addMs: number; removeMs: number; explainAfterAddMs: number }[] = [];
    for (let round = 0; round < 5; round++) {
      let t = performance.now();
      await db.$executeRaw`
        INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberUserId")
        SELECT ${accountId}::uuid, ${seeded.bigGroup}::uuid, u FROM unnest(${ids}::uuid[]) AS u ON CONFLICT DO NOTHING`;
      const addMs = performance.now() - t;
      t = performance.now();
      const after = await explainAccess(accountId, member.portalId);
      const explainAfterAddMs = performance.now() - t;
      if (after.grants.length !== 1) throw new Error("bare SQL membership change not reflected");
      t = performance.now();
      await db.$executeRaw`
        DELETE FROM "DirectoryMembership" WHERE "accountId" = ${accountId}::uuid AND "groupId" = ${seeded.bigGroup}::uuid AND "memberUserId" = ANY(${ids}::uuid[])`;
      sqlRounds.push({ addMs, removeMs: performance.now() - t, explainAfterAddMs });
    }
    const bigSize = Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "DirectoryMembership" WHERE "groupId" = ${seeded.bigGroup}::uuid`)[0]!.n);
    const accessEvents = await db.auditEvent.count({ where: { accountId, action: "access.changed_by_membership" } });

    return {
      snapshotOfChainUser: { groups: snapshot.groups.length, edges: snapshot.memberships.length, assignments: snapshot.assignments.length, organizations: Object.keys(snapshot.orgTree.organizations).length, grants: chain.grants.length, warnings: chain.warnings.length },
      snapshotOfRandomUser: { groups: mean((s) => s.groups.length), edges: mean((s) => s.memberships.length), assignments: mean((s) => s.assignments.length), organizations: mean((s) => Object.keys(s.orgTree.organizations).length) },
      explainRandom,
      explainWarm,
      explainChain,
      canChain,
      loadOnly,
      resolveOnly,
      insidePostgres: { planningMs: stats(server.planning).p50, executionMs: stats(server.execution).p50 },
      accessibleTargets: targets,
      explainRandomConcurrent8: concurrent,
      membershipChange: { groupSizeAfter: bigSize, patchSize: seeded.newcomers.length, rounds, sqlRounds, accessEventsRecorded: accessEvents },
    };
  } finally {
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const row = (label: string, s: Stats) => `  ${label.padEnd(52)} ${ms(s.p50).padStart(10)} ${ms(s.p95).padStart(10)} ${ms(s.p99).padStart(10)} ${ms(s.max).padStart(10)}`;

async function main(): Promise<void> {
  let serverUrl = process.env.BENCH_DATABASE_URL;
  let stop = async () => {};
  if (!serverUrl) {
    fs.mkdirSync(benchDir, { recursive: true, mode: 0o755 });
    const server = await startEmbeddedPostgres({ dir: path.join(benchDir, "pg"), port: config.pgPort, log });
    serverUrl = server.serverUrl;
    if (!server.reused) stop = () => server.stop();
  }
  const stopOnSignal = () => void stop().finally(() => process.exit(130));
  process.on("SIGINT", stopOnSignal);
  process.on("SIGTERM", stopOnSignal);
  try {
    const reuse = process.env.BENCH_REUSE === "1";
    const pgVersion = await withClient(serverUrl, async (c) => {
      const exists = (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DATABASE])).rowCount === 1;
      if (!reuse || !exists) {
        await c.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${DATABASE}"`);
      }
      return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?";
    });
    const url = databaseUrl(serverUrl, DATABASE);
    let t = performance.now();
    const seeded = await withClient(url, async (c) => {
      const seededAlready = reuse && (await c.query(`SELECT 1 FROM pg_tables WHERE tablename = 'Account'`)).rowCount === 1 && (await c.query(`SELECT 1 FROM "Account" WHERE slug = 'bench-access'`)).rowCount === 1;
      if (seededAlready) {
        log(`PostgreSQL ${pgVersion}; reusing the seeded database (BENCH_REUSE=1)`);
        return readSeeded(c);
      }
      await applyMigrations(url);
      log(`PostgreSQL ${pgVersion}; seeding ${config.users.toLocaleString("en-US")} users, ${config.groups.toLocaleString("en-US")} groups…`);
      return seedData(c);
    });
    log(`data ready in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(seeded.counts)}`);
    t = performance.now();
    const loadBefore = os.loadavg()[0]!;
    const results = await measure(url, seeded);
    // Other work on the machine shows in the tail latencies: say how busy it was.
    const load = `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after`;
    const report = {
      machine: `${os.cpus().length} CPU, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}; ${load}`,
      data: seeded.counts,
      ...results,
    };
    fs.mkdirSync(benchDir, { recursive: true });
    fs.writeFileSync(path.join(benchDir, "report.json"), JSON.stringify(report, null, 2));

    const m = results.membershipChange;
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
    const byGroup = (prefix: string) => m.rounds.filter((r) => r.group.startsWith(prefix));
    const lines = [
      "",
      `Access benchmark — ${report.machine}`,
      `  data: ${JSON.stringify(seeded.counts)}`,
      `  chain user's snapshot: ${JSON.stringify(results.snapshotOfChainUser)}; a random user's (mean): ${JSON.stringify(results.snapshotOfRandomUser)}`,
      "",
      `  ${"one call at a time (target: explainAccess p95 < 5 ms)".padEnd(52)} ${"p50".padStart(10)} ${"p95".padStart(10)} ${"p99".padStart(10)} ${"max".padStart(10)}`,
      row("explainAccess, random user (first visit: cold pages)", results.explainRandom),
      row("explainAccess, random user (500 users seen before)", results.explainWarm),
      row("explainAccess, user 10 levels down the chain", results.explainChain),
      row("can(project.use), same user, a project", results.canChain),
      row("  of which: the one SQL statement (load)", results.loadOnly),
      row("  of which: the resolver (in memory)", results.resolveOnly),
      `  inside PostgreSQL (EXPLAIN ANALYZE, median): planning ${ms(results.insidePostgres.planningMs)} (skipped by the prepared statement), execution ${ms(results.insidePostgres.executionMs)}`,
      row("accessibleTargets (whole tree), random user", results.accessibleTargets),
      row(`explainAccess, 8 concurrent callers (${results.explainRandomConcurrent8.throughputPerSecond}/s)`, results.explainRandomConcurrent8),
      "",
      `Membership change in a group of ${m.groupSizeAfter.toLocaleString("en-US")} members (PATCH of ${m.patchSize} members through lib/directory; median of ${byGroup("All").length})`,
      `  All Staff (mapped to a role):  add ${ms(median(byGroup("All").map((r) => r.addMs)))}, remove ${ms(median(byGroup("All").map((r) => r.removeMs)))}`,
      `  Plain Big (no role, baseline): add ${ms(median(byGroup("Plain").map((r) => r.addMs)))}, remove ${ms(median(byGroup("Plain").map((r) => r.removeMs)))}`,
      `  the same change as bare SQL (INSERT ... unnest / DELETE):  add ${ms(median(m.sqlRounds.map((r) => r.addMs)))}, remove ${ms(median(m.sqlRounds.map((r) => r.removeMs)))} (median of ${m.sqlRounds.length})`,
      `  explainAccess of an added member right after: ${ms(median(byGroup("All").map((r) => r.explainAfterAddMs)))} (role present), after removal: ${ms(median(byGroup("All").map((r) => r.explainAfterRemoveMs)))} (role gone)`,
      `  "Recompute": none. Access is resolved at read time from the directory; the change is visible at the next read.`,
      `  access.changed_by_membership events recorded: ${m.accessEventsRecorded}`,
      "",
      `Report: ${path.relative(root, path.join(benchDir, "report.json"))} (${((performance.now() - t) / 1000).toFixed(1)} s of measurements)`,
      "",
    ];
    console.log(lines.join("\n"));
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
