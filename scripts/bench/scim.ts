// `npm run bench:scim` ("bench:scim": "tsx scripts/bench/scim.ts"): measures the SCIM API of the production
// build on a seeded PostgreSQL next to a bare http + pg server running the same lookup SQL, and prints a report
// (also written to .data/bench/scim-report.json). A benchmark, not a test: it fails only when it cannot run.
//
//   BENCH_USERS=100000        directory users user<n>@bench.test (each with a linked portal user); up to 1,000,000+
//   BENCH_GROUP_MEMBERS=100000  members of the big group (at most BENCH_USERS)
//   BENCH_CONCURRENCY=10      connections of the load generator
//   BENCH_SECONDS=10          measured seconds per scenario, after BENCH_WARMUP_SECONDS=2 of warm-up
//   BENCH_PATCH_REPETITIONS=20, BENCH_PATCH_SIZE=1000   the sequential PATCHes adding members to the big group
//   BENCH_PORT=3190, BENCH_BARE_PORT=3191, BENCH_PG_PORT=54380
//   BENCH_DATABASE_URL        a PostgreSQL server (maintenance database URL) instead of the embedded one in
//                             .data/bench/pg; the database BENCH_DATABASE_NAME (scim_bench) is dropped and recreated
//   BENCH_BUILD=head          measure the committed HEAD, built apart in $TMPDIR/scim-bench-head-<commit> (reused),
//                             instead of the repository's existing .next (the default; built first if missing)
//   BENCH_SNAPSHOT=1          serve a copy of .next (in .data/bench/app) so a concurrent `next build` cannot swap it
//   BENCH_SQL_STATS=1         per-scenario pg_stat_statements figures (restarts the embedded server once to load it)
//   BENCH_KEEP=1              leave PostgreSQL, the portal and the bare server running after the report (Ctrl-C stops)
//   WEB_CONCURRENCY           worker processes of the portal (default: the portal's own, one per CPU up to 4)
//   BENCH_CPU_PROFILE=1       run the portal under `node --cpu-prof` and print where its CPU time went
//   BENCH_ONLY=lookup,page,…  run only these scenarios (floor, lookup, c1, page, group, create, put, patch)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { BENCH_APP_SECRET, benchDir, readConfig, root } from "./config";
import { busiestProfile, summariseCpuProfile } from "./cpu-profile";
import { cpuSince, cpuSnapshot, type ProcessGroups } from "./cpu";
import { openBenchDatabase, type BenchDatabase } from "./database";
import { HttpClient, latencyStats, runLoad, type LoadResult, type RequestSpec } from "./load";
import { formatReport, type BenchReport, type Goal, type ScenarioResult } from "./report";
import { BENCH_DOMAIN, directoryUserId, ENTERPRISE_URN, extraUserId, seedDatabase, userNameOf } from "./seed";
import { buildHead, ensureBuild, snapshotBuild, startBareServer, startPortal, type RunningServer } from "./servers";
import { SqlStatsCollector } from "./sql-stats";

const config = readConfig();
const started = Date.now();
const log = (message: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

// ---------------------------------------------------------------------------------------------------------------
// Orderly shutdown on every path: Ctrl-C, SIGTERM, an error, or the end of the run.
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let stopping: Promise<void> | null = null;
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup.run();
      } catch (e) {
        console.error(`stopping ${cleanup.name}:`, e instanceof Error ? e.message : e);
      }
    }
  })();
  return stopping;
}
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (stopping) return; // a second Ctrl-C (or the signal relayed by npm/tsx as well) changes nothing
    log(`${signal}: stopping…`);
    void stopAll().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------------------------------------------

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

function randomCase(text: string): string {
  let out = "";
  for (const ch of text) out += Math.random() < 0.5 ? ch.toUpperCase() : ch.toLowerCase();
  return out;
}

function gitState(): { head: string; dirty: string[] } {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root }).toString().split("\n").filter(Boolean);
    return { head, dirty };
  } catch {
    return { head: "unknown", dirty: [] };
  }
}

const SCIM_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

function userBody(userName: string, externalId: string, n: number, displaySuffix = ""): string {
  const given = `Given${n}`;
  const family = `Family${n}`;
  return JSON.stringify({
    schemas: [SCIM_USER, ENTERPRISE_URN],
    userName,
    externalId,
    active: true,
    name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
    displayName: `${given} ${family}${displaySuffix}`,
    emails: [{ value: userName, type: "work", primary: true }],
    [ENTERPRISE_URN]: { employeeNumber: String(100000 + n), department: "Engineering" },
  });
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const loadAverageBefore = os.loadavg().map((v) => v.toFixed(2)).join(" ");
  log(`BENCH_USERS=${config.users} concurrency=${config.concurrency} ${config.seconds}s per scenario (+${config.warmupSeconds}s warm-up); portal workers: ${process.env.WEB_CONCURRENCY || "default"}; load average ${loadAverageBefore}`);
  for (const port of [config.portalPort, config.barePort]) {
    if (await portAnswers(port)) throw new Error(`port ${port} is already in use (set BENCH_PORT / BENCH_BARE_PORT)`);
  }

  let build: { buildId: string; builtAt: Date; stale: boolean; source: string };
  let appDir: string;
  if (config.build === "head") {
    const head = buildHead(log);
    appDir = head.dir;
    build = { buildId: head.buildId, builtAt: fs.statSync(path.join(head.dir, ".next", "BUILD_ID")).mtime, stale: false, source: `HEAD ${head.commit.slice(0, 12)} built in ${head.dir}` };
  } else {
    const existing = ensureBuild(log);
    appDir = config.snapshot ? snapshotBuild() : root;
    build = { ...existing, source: `the repository's .next${config.snapshot ? " (served from a copy in .data/bench/app)" : ""}` };
  }
  log(`production build ${build.buildId} from ${build.builtAt.toISOString()}: ${build.source}`);
  if (build.stale) log("warning: sources changed after this build (run `npm run build`, or BENCH_BUILD=head, to measure current code)");

  // Migrations from the tree under test: the HEAD build's own folder, or the repository.
  const database: BenchDatabase = await openBenchDatabase(config, log, config.build === "head" ? appDir : undefined);
  cleanups.push({ name: "PostgreSQL", run: database.stop });

  // The token: generated and hashed by the portal's own code, under the benchmark's APP_SECRET.
  process.env.APP_SECRET = BENCH_APP_SECRET;
  process.env.DATABASE_URL = database.url;
  const { generateToken, displayHintOf } = await import("@/lib/tokens/token-format");
  const { hashToken } = await import("@/lib/tokens/token-hash");
  const token = generateToken();

  log(`seeding ${config.users.toLocaleString("en-US")} users (set-based SQL)…`);
  const seed = await seedDatabase(database.url, config, { displayHint: displayHintOf(token), secretHash: hashToken(token) }, log);
  log(`seeded in ${(seed.totalMs / 1000).toFixed(1)} s; sizes: ${Object.entries(seed.tableSizes).map(([t, s]) => `${t} ${s}`).join(", ")}`);

  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    APP_SECRET: BENCH_APP_SECRET,
    APP_URL: `http://127.0.0.1:${config.portalPort}`,
    NEXTAUTH_URL: `http://127.0.0.1:${config.portalPort}`,
    SCIM_RATE_LIMIT_PER_MINUTE: "1000000000",
  };
  const profileDir = path.join(benchDir, "profiles");
  if (config.cpuProfile) fs.rmSync(profileDir, { recursive: true, force: true });
  const nodeArgs = config.cpuProfile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const portal: RunningServer = await startPortal({ dir: appDir, port: config.portalPort, env: serverEnv, nodeArgs });
  cleanups.push({ name: "portal", run: portal.stop });
  log(`portal (scripts/portal-server.mjs, ${process.env.WEB_CONCURRENCY || "default"} workers) ready on :${config.portalPort} (pid ${portal.pid})`);
  const bare: RunningServer = await startBareServer({ port: config.barePort, env: { ...serverEnv, BARE_POOL_SIZE: "20" } });
  cleanups.push({ name: "bare server", run: bare.stop });
  log(`bare http + pg server ready on :${config.barePort} (pid ${bare.pid})`);

  const groups: ProcessGroups = { portal: [portal.pid], bare: [bare.pid], ...(database.postmasterPid ? { postgres: [database.postmasterPid] } : {}) };
  const sqlStats = database.sqlStats ? await SqlStatsCollector.open(database.url) : null;
  if (sqlStats) cleanups.push({ name: "SQL statistics connection", run: () => sqlStats.close() });

  const portalClient = new HttpClient({ name: "portal", host: "127.0.0.1", port: config.portalPort }, config.concurrency);
  const bareClient = new HttpClient({ name: "bare", host: "127.0.0.1", port: config.barePort }, config.concurrency);
  cleanups.push({ name: "http clients", run: () => {
    portalClient.close();
    bareClient.close();
    return Promise.resolve();
  } });
  const auth = { authorization: `Bearer ${token}`, accept: "application/scim+json" };
  const json = { ...auth, "content-type": "application/scim+json" };

  const only = new Set((process.env.BENCH_ONLY ?? "").split(",").map((s) => s.trim()).filter(Boolean));
  const wanted = (name: string) => only.size === 0 || only.has(name);
  const scenarios: ScenarioResult[] = [];
  /** performance.now() bounds of each portal scenario's measured window (for the CPU profile). */
  const windows: { name: string; from: number; to: number }[] = [];

  async function measure(
    id: string,
    title: string,
    server: "portal" | "bare",
    next: (worker: number) => RequestSpec,
    goals: (load: LoadResult) => Goal[],
    options: { concurrency?: number; seconds?: number; ok?: (status: number) => boolean } = {},
  ): Promise<ScenarioResult> {
    const concurrency = options.concurrency ?? config.concurrency;
    const seconds = options.seconds ?? config.seconds;
    log(`${title} [${server}, c=${concurrency}, ${seconds}s]…`);
    // Warm-up first, then reset the statistics, then the measured window.
    const client = server === "portal" ? portalClient : bareClient;
    if (config.warmupSeconds > 0) await runLoad({ client, concurrency, seconds: config.warmupSeconds, warmupSeconds: 0, next, ...(options.ok ? { ok: options.ok } : {}) });
    await sqlStats?.reset();
    const cpuBefore = cpuSnapshot(groups);
    const from = performance.now();
    const load = await runLoad({ client, concurrency, seconds, warmupSeconds: 0, next, ...(options.ok ? { ok: options.ok } : {}) });
    if (server === "portal") windows.push({ name: title, from, to: performance.now() });
    const cpu = cpuSince(cpuBefore, groups);
    const sql = sqlStats ? await sqlStats.collect(load.requests) : undefined;
    const result: ScenarioResult = { id, title, server, load, cpu, ...(sql ? { sql } : {}), goals: goals(load) };
    scenarios.push(result);
    log(
      `  ${load.throughput.toFixed(0)} req/s, p50 ${load.p50.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms, p99 ${load.p99.toFixed(1)} ms, errors ${load.errors}` +
        (load.firstError ? ` (first: HTTP ${load.firstError.status} ${load.firstError.body.slice(0, 200)})` : ""),
    );
    return result;
  }

  const atScale = config.users >= 1_000_000;
  const lookupPath = (prefix: string) => {
    const filter = `userName eq "${randomCase(userNameOf(randomInt(1, config.users)))}"`;
    return `${prefix}/Users?filter=${encodeURIComponent(filter)}`;
  };

  // Both servers must answer a lookup with the same user and groups, or the ratio compares different work.
  const checkSameLookup = async () => {
    const filter = encodeURIComponent(`userName eq "${randomCase(userNameOf(1))}"`);
    const read = async (url: string) => {
      const response = await fetch(url, { headers: auth });
      const body = (await response.json()) as { Resources?: { id: string; userName: string; groups?: { value: string }[] }[] };
      const user = body.Resources?.[0];
      return JSON.stringify({ status: response.status, id: user?.id, userName: user?.userName, groups: user?.groups?.map((g) => g.value) });
    };
    const portal = await read(`http://127.0.0.1:${config.portalPort}/scim/v2/Users?filter=${filter}`);
    const bare = await read(`http://127.0.0.1:${config.barePort}/Users?filter=${filter}`);
    if (portal !== bare) throw new Error(`the bare server and the portal answer the lookup differently:\n  portal ${portal}\n  bare   ${bare}`);
  };

  // The framework's floor: a Next route handler doing one trivial query (no SCIM code at all).
  if (wanted("floor")) {
    await measure("floor", "GET /api/health (Next + select 1)", "portal", () => ({ method: "GET", path: "/api/health" }), () => [], { seconds: Math.max(1, config.seconds / 2) });
  }

  // a. userName eq lookups, bare server then portal, at C connections and at 1.
  let lookupRatio: BenchReport["lookupRatio"] = null;
  if (wanted("lookup")) {
    await checkSameLookup();
    const bareLookup = await measure("lookup-bare", "lookup userName eq (baseline)", "bare", () => ({ method: "GET", path: lookupPath(""), headers: auth }), () => []);
    const portalLookup = await measure("lookup-portal", "lookup userName eq", "portal", () => ({ method: "GET", path: lookupPath("/scim/v2"), headers: auth }), (l) => [
      { text: "p95 < 20 ms at 1,000,000 users", met: atScale ? l.p95 < 20 : null },
      { text: "≥ 800 req/s (2x peer's 400)", met: l.throughput >= 800 },
    ]);
    const ratio = bareLookup.load.throughput / portalLookup.load.throughput;
    portalLookup.goals.push({ text: "within 2x of bare", met: ratio <= 2 });
    lookupRatio = {
      portalPerSecond: portalLookup.load.throughput,
      barePerSecond: bareLookup.load.throughput,
      bareOverPortal: ratio,
      p95Ratio: portalLookup.load.p95 / bareLookup.load.p95,
    };
  }
  // The same requests one at a time: service time without queueing behind the other connections.
  if (wanted("c1")) {
    const seconds = Math.max(1, config.seconds / 2);
    const one = { concurrency: 1, seconds };
    await measure("lookup-bare-c1", "lookup userName eq, 1 connection (baseline)", "bare", () => ({ method: "GET", path: lookupPath(""), headers: auth }), () => [], one);
    await measure("lookup-portal-c1", "lookup userName eq, 1 connection", "portal", () => ({ method: "GET", path: lookupPath("/scim/v2"), headers: auth }), (l) => [
      { text: "p95 < 20 ms at 1,000,000 users", met: atScale ? l.p95 < 20 : null },
    ], one);
    await measure("group-get-excluded-c1", "GET group excludedAttributes=members, 1 connection", "portal", () => ({ method: "GET", path: `/scim/v2/Groups/${seed.groupId}?excludedAttributes=members`, headers: auth }), (l) => [
      { text: "p95 < 20 ms whatever its size", met: l.p95 < 20 },
    ], one);
  }

  // b. a page of 100 at a random offset.
  if (wanted("page")) {
    await measure("page", "page of 100 (startIndex random)", "portal", () => ({ method: "GET", path: `/scim/v2/Users?startIndex=${randomInt(1, Math.max(1, config.users - 100))}&count=100`, headers: auth }), () => []);
  }

  // f, g. the big group: without members under load, with members once.
  let groupWithMembers: BenchReport["groupWithMembers"] = null;
  if (wanted("group")) {
    await measure("group-get-excluded", "GET group excludedAttributes=members", "portal", () => ({ method: "GET", path: `/scim/v2/Groups/${seed.groupId}?excludedAttributes=members`, headers: auth }), (l) => [
      { text: "p95 < 20 ms whatever its size", met: l.p95 < 20 },
    ]);
    log("GET group WITH members (once)…");
    const t0 = performance.now();
    const reply = await portalClient.send({ method: "GET", path: `/scim/v2/Groups/${seed.groupId}`, headers: auth });
    const elapsed = performance.now() - t0;
    let members = -1;
    try {
      const body = JSON.parse(reply.body.toString("utf8")) as { members?: unknown[] };
      members = Array.isArray(body.members) ? body.members.length : 0;
    } catch {
      /* reported through the status */
    }
    groupWithMembers = { ms: elapsed, bytes: reply.body.length, members, status: reply.status };
    log(`  ${elapsed.toFixed(0)} ms, ${(reply.body.length / 1e6).toFixed(2)} MB, ${members} members, HTTP ${reply.status}`);
  }

  // c. creates, unique userNames.
  let created = 0;
  if (wanted("create")) {
    const tag = Date.now().toString(36);
    let n = 0;
    await measure("create", "create POST /Users", "portal", () => {
      n++;
      return { method: "POST", path: "/scim/v2/Users", headers: json, body: userBody(`new-${tag}-${n}@${BENCH_DOMAIN}`, `ext-new-${tag}-${n}`, n) };
    }, (l) => [
      { text: "≥ 360/s (2x peer's 180)", met: l.throughput >= 360 },
      { text: "≥ 1,000/s aspiration", met: l.throughput >= 1000 },
    ]);
    created = n;
  }

  // d. PUT of existing users.
  if (wanted("put")) {
    let k = 0;
    await measure("put", "replace PUT /Users/{id}", "portal", () => {
      const n = randomInt(1, config.users);
      k++;
      return { method: "PUT", path: `/scim/v2/Users/${directoryUserId(n)}`, headers: json, body: userBody(userNameOf(n), `ext-${n}`, n, ` (${k})`) };
    }, () => []);
  }

  // e. sequential PATCHes adding fresh members to the big group (the first batch warms up and is not counted).
  const checks: BenchReport["checks"] = [];
  if (wanted("patch")) {
    log(`PATCH big group +${config.patchSize} members × ${config.patchRepetitions} (sequential)…`);
    const patchOf = (batch: number): RequestSpec => {
      const value = Array.from({ length: config.patchSize }, (_, i) => ({ value: extraUserId(batch * config.patchSize + i + 1) }));
      return { method: "PATCH", path: `/scim/v2/Groups/${seed.groupId}`, headers: json, body: JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: "Add", path: "members", value }] }) };
    };
    let batch = 0;
    await portalClient.send(patchOf(batch++)); // warm-up
    const latencies: number[] = [];
    let errors = 0;
    let firstError: { status: number; body: string } | undefined;
    await sqlStats?.reset();
    const cpuBefore = cpuSnapshot(groups);
    const t0 = performance.now();
    for (let r = 0; r < config.patchRepetitions; r++) {
      const spec = patchOf(batch++);
      const s = performance.now();
      const reply = await portalClient.send(spec);
      latencies.push(performance.now() - s);
      if (reply.status < 200 || reply.status >= 300) {
        errors++;
        firstError ??= { status: reply.status, body: reply.body.toString("utf8").slice(0, 2000) };
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    windows.push({ name: "PATCH members", from: t0, to: performance.now() });
    const cpu = cpuSince(cpuBefore, groups);
    const stats = latencyStats(latencies);
    const load: LoadResult = { ...stats, requests: latencies.length, errors, throughput: (latencies.length - errors) / seconds, seconds, concurrency: 1, meanResponseBytes: 0, ...(firstError ? { firstError } : {}) };
    const sql = sqlStats ? await sqlStats.collect(load.requests) : undefined;
    scenarios.push({
      id: "patch-members",
      title: `PATCH +${config.patchSize.toLocaleString("en-US")} members (group of ${config.groupMembers.toLocaleString("en-US")}+)`,
      server: "portal",
      load,
      cpu,
      ...(sql ? { sql } : {}),
      goals: [{ text: "each < 1 s", met: stats.max < 1000 }],
      notes: [`latencies ms: ${latencies.map((v) => v.toFixed(0)).join(" ")}`],
    });
    log(`  p50 ${stats.p50.toFixed(0)} ms, p95 ${stats.p95.toFixed(0)} ms, max ${stats.max.toFixed(0)} ms, errors ${errors}`);
  }

  // Sanity checks on what the writes left behind.
  {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      if (wanted("patch")) {
        const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "DirectoryMembership" WHERE "groupId" = $1::uuid`, [seed.groupId]);
        const expected = seed.groupMembers + (config.patchRepetitions + 1) * config.patchSize;
        checks.push({ name: "big group members after the PATCHes", ok: rows[0]?.n === expected, detail: `${rows[0]?.n} (expected ${expected})` });
      }
      if (wanted("create")) {
        const { rows } = await client.query<{ n: number; linked: number }>(
          `SELECT count(*)::int AS n, count("portalUserId")::int AS linked FROM "DirectoryUser" WHERE "userNameKey" LIKE 'new-%'`,
        );
        checks.push({ name: "created users linked to portal users", ok: rows[0]?.n === rows[0]?.linked, detail: `${rows[0]?.n} created (requests sent incl. warm-up: ${created}), ${rows[0]?.linked} linked` });
      }
    } finally {
      await client.end();
    }
  }

  // The profile is written when the portal exits.
  let cpuProfile: BenchReport["cpuProfile"];
  if (config.cpuProfile) {
    await portal.stop();
    const stoppedAt = performance.now();
    const file = busiestProfile(profileDir);
    if (file) {
      const summaries = summariseCpuProfile(
        file,
        windows.map((w) => ({ name: w.name, startsBeforeEndMs: stoppedAt - w.from, endsBeforeEndMs: stoppedAt - w.to })),
      );
      cpuProfile = { file: path.relative(root, file), summaries };
    } else log("no CPU profile was written");
  }

  const report: BenchReport = {
    startedAt,
    finishedAt: new Date().toISOString(),
    config: { ...config },
    environment: {
      node: process.version,
      cpus: os.cpus().length,
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageBefore,
      loadAverageAfter: os.loadavg().map((v) => v.toFixed(2)).join(" "),
      buildId: build.buildId,
      builtAt: build.builtAt.toISOString(),
      buildStale: build.stale,
      buildSource: build.source,
      git: gitState(),
      database: database.embedded ? `embedded PostgreSQL on 127.0.0.1:${config.pgPort}` : "BENCH_DATABASE_URL",
    },
    seed,
    scenarios,
    lookupRatio,
    groupWithMembers,
    checks,
    ...(cpuProfile ? { cpuProfile } : {}),
  };
  console.log(formatReport(report));
  fs.mkdirSync(path.dirname(config.reportPath), { recursive: true });
  fs.writeFileSync(config.reportPath, JSON.stringify(report, null, 2));
  // A copy per size, so that runs at 100,000 and 1,000,000 users can be compared.
  const perSize = config.reportPath.replace(/\.json$/, `-${config.users}.json`);
  fs.copyFileSync(config.reportPath, perSize);
  log(`report written to ${path.relative(root, config.reportPath)} (and ${path.relative(root, perSize)})`);
  if (/^(1|true|on|yes)$/i.test(process.env.BENCH_KEEP ?? "")) {
    log(`BENCH_KEEP: database ${database.url}, portal http://127.0.0.1:${config.portalPort}/scim/v2, bare http://127.0.0.1:${config.barePort}/Users; token ${token}`);
    log("press Ctrl-C to stop everything");
    await new Promise<never>(() => setInterval(() => {}, 60_000));
  }
}

try {
  await main();
  await stopAll();
  log("stopped");
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  await stopAll();
  process.exit(1);
}
