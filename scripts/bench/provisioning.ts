// `npm run bench:provisioning` ("bench:provisioning": "tsx scripts/bench/provisioning.ts"): times the enable job on
// an account of 100,000 SSO users at several batch sizes, then a resume with 10,000 held changes, and prints a report
// (also written to .data/bench-provisioning/report.json). A benchmark, not a test: it fails only when it cannot run.
//
//   BENCH_USERS=100000            SSO users of the account (plus one LOCAL administrator)
//   BENCH_HELD=10000              directory users deactivated while paused (each one a held change)
//   BENCH_BATCH_SIZES=1000,2000,5000,10000   enable job batch sizes to compare (each on an identical fresh copy)
//   BENCH_REPEAT=1                runs per batch size; the report shows the median (the machine may be busy)
//   BENCH_PROVISIONING_PG_PORT=54390  the embedded PostgreSQL (data in .data/bench-provisioning/pg)
//   BENCH_DATABASE_URL            a PostgreSQL server (maintenance database URL) instead of the embedded one; the
//                                 databases provisioning_bench_* on it are dropped and recreated
//
// Each measurement runs in a child process of its own (lib/db and lib/env read DATABASE_URL once per process), on a
// database copied from a seeded template, so every batch size starts from the same data.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.mjs";
import { applyMigrations } from "../prisma/migrations.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const benchDir = path.join(root, ".data", "bench-provisioning");
const TEMPLATE = "provisioning_bench_template";
const RUN_DB = "provisioning_bench_run";
const BENCH_SECRET = "bench-only-app-secret-0123456789abcdefghijklmnop";
const RESULT_PREFIX = "RESULT ";

function integer(name: string, fallback: number): number {
  const raw = process.env[name]?.replaceAll("_", "");
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got "${process.env[name]}")`);
  return value;
}

interface ChildTask {
  batchSize: number;
  held: number;
  /** Also measure setup, pause, held changes, resume and the reset (on the run of the chosen batch size). */
  lifecycle: boolean;
}

interface ChildResult {
  batchSize: number;
  users: number;
  enableTransitionMs: number;
  jobMs: number;
  batches: number;
  check: { sso: number; scim: number; local: number; directory: number; state: string; status: string; done: number };
  lifecycle?: {
    setupMs: number;
    pauseMs: number;
    heldChanges: number;
    holdMs: number;
    resumeMs: number;
    resumeSummary: Record<string, number>;
    heldAfterResume: number;
    turnOffMs: number;
    resetJobMs: number;
    stateAfterReset: string;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Child: one measurement against DATABASE_URL.

async function child(task: ChildTask): Promise<ChildResult> {
  const { db } = await import("@/lib/db");
  const { getBoss, stopBoss } = await import("@/lib/jobs/boss");
  const { enableProvisioning, turnOffProvisioning } = await import("@/lib/provisioning/lifecycle");
  const { runEnableJob } = await import("@/lib/provisioning/enable-job");
  const { runResetJob } = await import("@/lib/provisioning/reset-job");
  const { saveProvisioningSetup } = await import("@/lib/provisioning/setup");
  const { pauseProvisioning, resumeProvisioning } = await import("@/lib/provisioning/pause-resume");
  const { provisionDirectoryChange } = await import("@/lib/provisioning/provision-directory-change");
  const admin = { type: "USER" as const, label: "bench-admin@bench.test" };
  const idp = { type: "SCIM_TOKEN" as const, label: "Bench IdP" };

  try {
    // The web process has its pg-boss running long before anyone clicks: start it outside the measurement.
    await getBoss();
    const account = await db.account.findFirstOrThrow({ where: { slug: "bench-provisioning" } });
    const accountId = account.id;
    const version = async () => (await db.provisioning.findUniqueOrThrow({ where: { accountId } })).version;

    let t = performance.now();
    const { jobRunId } = await enableProvisioning(accountId, admin, await version());
    const enableTransitionMs = performance.now() - t;
    let batches = 0;
    t = performance.now();
    await runEnableJob(accountId, jobRunId, { batchSize: task.batchSize, afterBatch: () => void batches++ });
    const jobMs = performance.now() - t;

    const [counts] = await db.$queryRaw<{ sso: number; scim: number; local: number; directory: number }[]>`
      SELECT count(*) FILTER (WHERE source = 'SSO')::int AS sso, count(*) FILTER (WHERE source = 'SCIM')::int AS scim,
             count(*) FILTER (WHERE source = 'LOCAL')::int AS local,
             (SELECT count(*) FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid)::int AS directory
      FROM "User" WHERE "accountId" = ${accountId}::uuid`;
    const run = await db.jobRun.findUniqueOrThrow({ where: { id: jobRunId } });
    const provisioning = await db.provisioning.findUniqueOrThrow({ where: { accountId } });
    const result: ChildResult = {
      batchSize: task.batchSize,
      users: counts!.scim + counts!.sso,
      enableTransitionMs,
      jobMs,
      batches,
      check: { ...counts!, state: provisioning.state, status: run.status, done: run.done },
    };
    if (!task.lifecycle) return result;

    t = performance.now();
    await saveProvisioningSetup(accountId, admin, { mode: "NOT_RESTRICTED" }, await version());
    const setupMs = performance.now() - t;
    t = performance.now();
    await pauseProvisioning(accountId, admin, await version());
    const pauseMs = performance.now() - t;

    // What an IdP does while paused: deactivate users, in requests of 100 (the directory follows the IdP; the portal
    // change is held by provisionDirectoryChange, exactly as the SCIM routes call it).
    const targets = (
      await db.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid AND active ORDER BY "userNameKey" LIMIT ${task.held}`
    ).map((r) => r.id);
    t = performance.now();
    for (let i = 0; i < targets.length; i += 100) {
      const ids = targets.slice(i, i + 100);
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`
          UPDATE "DirectoryUser" SET active = false, attributes = jsonb_set(attributes, '{active}', 'false'), version = version + 1, "updatedAt" = now()
          WHERE id = ANY(${ids}::uuid[])`;
        const outcome = await provisionDirectoryChange(tx, { accountId, actor: idp }, { kind: "user.updated", directoryUserIds: ids });
        if (outcome.kind !== "held") throw new Error(`expected the change to be held, got ${outcome.kind}`);
      });
    }
    const holdMs = performance.now() - t;
    const heldChanges = await db.heldChange.count({ where: { accountId } });

    t = performance.now();
    const summary = await resumeProvisioning(accountId, admin, await version());
    const resumeMs = performance.now() - t;
    const heldAfterResume = await db.heldChange.count({ where: { accountId } });

    t = performance.now();
    const reset = await turnOffProvisioning(accountId, admin, await version());
    const turnOffMs = performance.now() - t;
    t = performance.now();
    await runResetJob(accountId, reset.jobRunId);
    const resetJobMs = performance.now() - t;

    result.lifecycle = {
      setupMs,
      pauseMs,
      heldChanges,
      holdMs,
      resumeMs,
      resumeSummary: { ...summary },
      heldAfterResume,
      turnOffMs,
      resetJobMs,
      stateAfterReset: (await db.provisioning.findUniqueOrThrow({ where: { accountId } })).state,
    };
    return result;
  } finally {
    await stopBoss(1_000);
    await db.$disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: server, template, one child per measurement, report.

const started = Date.now();
const log = (message: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);
const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

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

/** Migrated template database with the account and its users, created by set-based SQL. */
async function buildTemplate(serverUrl: string, users: number): Promise<void> {
  await withClient(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quote(TEMPLATE)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quote(TEMPLATE)}`);
  });
  const url = databaseUrl(serverUrl, TEMPLATE);
  await applyMigrations(url);
  await withClient(url, async (c) => {
    const account = await c.query<{ id: string }>(`INSERT INTO "Account" (slug, name) VALUES ('bench-provisioning', 'Provisioning Bench') RETURNING id::text`);
    const accountId = account.rows[0]!.id;
    await c.query(`INSERT INTO "Provisioning" ("accountId") VALUES ($1::uuid)`, [accountId]);
    // Two thirds with a name, one in twenty inactive; userNames in mixed case like real sign-ins.
    await c.query(
      `INSERT INTO "User" ("accountId", "userName", "userNameKey", name, active, source, "createdAt", "updatedAt")
       SELECT $1::uuid, 'Person.' || n || '@bench.test', 'person.' || n || '@bench.test',
              CASE WHEN n % 3 = 0 THEN NULL ELSE 'Person ' || n END, n % 20 <> 0, 'SSO', now(), now()
       FROM generate_series(1, $2::int) AS n`,
      [accountId, users],
    );
    await c.query(
      `INSERT INTO "User" ("accountId", "userName", "userNameKey", active, source, "passwordHash") VALUES ($1::uuid, 'owner@bench.test', 'owner@bench.test', true, 'LOCAL', 'argon2id$bench')`,
      [accountId],
    );
    await c.query(`VACUUM (ANALYZE) "User"`);
  });
  // A template must have no connections to be copied (the schema engine's pool may linger).
  await withClient(serverUrl, (c) => c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [TEMPLATE]));
}

async function freshCopy(serverUrl: string): Promise<string> {
  await withClient(serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quote(RUN_DB)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quote(RUN_DB)} TEMPLATE ${quote(TEMPLATE)}`);
  });
  const url = databaseUrl(serverUrl, RUN_DB);
  // A copied database has no planner statistics: gather them as a running system would have them.
  await withClient(url, (c) => c.query("ANALYZE"));
  return url;
}

function runChild(url: string, task: ChildTask): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const tsx = path.join(root, "node_modules/.bin/tsx");
    const proc = spawn(tsx, [path.join(root, "scripts/bench/provisioning.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, APP_SECRET: BENCH_SECRET, BENCH_CHILD: JSON.stringify(task) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    proc.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    proc.on("error", reject);
    proc.on("exit", (code) => {
      const line = output.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) return reject(new Error(`measurement (batch ${task.batchSize}) failed with exit code ${code}\n${output}`));
      resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult);
    });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function parent(): Promise<void> {
  const users = integer("BENCH_USERS", 100_000);
  const held = integer("BENCH_HELD", 10_000);
  const sizes = (process.env.BENCH_BATCH_SIZES ?? "1000,2000,5000,10000").split(",").map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error("BENCH_BATCH_SIZES must list positive integers");

  let serverUrl = process.env.BENCH_DATABASE_URL;
  let stop = async () => {};
  if (!serverUrl) {
    fs.mkdirSync(benchDir, { recursive: true, mode: 0o755 });
    const server = await startEmbeddedPostgres({ dir: path.join(benchDir, "pg"), port: integer("BENCH_PROVISIONING_PG_PORT", 54390), log });
    serverUrl = server.serverUrl;
    if (!server.reused) stop = () => server.stop();
  }
  const stopOnSignal = () => void stop().finally(() => process.exit(130));
  process.on("SIGINT", stopOnSignal);
  process.on("SIGTERM", stopOnSignal);
  try {
    const pgVersion = await withClient(serverUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? "?");
    log(`PostgreSQL ${pgVersion}; seeding ${users.toLocaleString("en-US")} SSO users…`);
    const t = performance.now();
    await buildTemplate(serverUrl, users);
    log(`template ready in ${seconds(performance.now() - t)}`);

    const repeat = integer("BENCH_REPEAT", 1);
    const totalOf = (r: ChildResult) => r.enableTransitionMs + r.jobMs;
    const runs: ChildResult[] = [];
    const samples = new Map<number, number[]>();
    for (let round = 0; round < repeat; round++) {
      // Rounds interleave the sizes, so that a busy spell of the machine does not fall on one size only.
      for (const batchSize of sizes) {
        const url = await freshCopy(serverUrl);
        const result = await runChild(url, { batchSize, held, lifecycle: false });
        log(`batch ${batchSize}: enable ${seconds(result.enableTransitionMs)} + job ${seconds(result.jobMs)} (${result.batches} batches) → ${result.check.state}`);
        samples.set(batchSize, [...(samples.get(batchSize) ?? []), totalOf(result)]);
        if (round === 0) runs.push(result);
        else if (totalOf(result) < totalOf(runs.find((r) => r.batchSize === batchSize)!)) runs.splice(runs.findIndex((r) => r.batchSize === batchSize), 1, result);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
    const medianOf = (r: ChildResult) => median(samples.get(r.batchSize) ?? [totalOf(r)]);
    const best = runs.reduce((a, b) => (medianOf(b) < medianOf(a) ? b : a));
    log(`fastest batch size: ${best.batchSize}; measuring pause, ${held.toLocaleString("en-US")} held changes, resume and reset with it…`);
    const full = await runChild(await freshCopy(serverUrl), { batchSize: best.batchSize, held, lifecycle: true });

    const report = {
      machine: `${os.cpus().length} CPU, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}`,
      users,
      enable: runs.map((r) => ({ batchSize: r.batchSize, medianTotalMs: Math.round(medianOf(r)), samplesMs: (samples.get(r.batchSize) ?? []).map(Math.round), fastest: { transitionMs: Math.round(r.enableTransitionMs), jobMs: Math.round(r.jobMs) }, batches: r.batches, check: r.check })),
      chosenBatchSize: best.batchSize,
      lifecycleRun: full,
    };
    fs.mkdirSync(benchDir, { recursive: true });
    fs.writeFileSync(path.join(benchDir, "report.json"), JSON.stringify(report, null, 2));

    const lines = [
      "",
      `Provisioning benchmark — ${report.machine}`,
      "",
      `Enable on ${users.toLocaleString("en-US")} SSO users (+1 LOCAL): transition + JobRun, then the job run directly (target < 30 s)`,
      `  total = median of ${repeat} run(s); job = the job alone in the fastest run`,
      "  batch size   total      job        batches   users/s    check",
      ...runs.map((r) => {
        const total = medianOf(r);
        const ok = r.check.sso === 0 && r.check.scim === users && r.check.local === 1 && r.check.directory === users && r.check.state === "ENABLED" && r.check.status === "SUCCEEDED";
        return `  ${String(r.batchSize).padStart(10)}   ${seconds(total).padStart(8)}   ${seconds(r.jobMs).padStart(8)}   ${String(r.batches).padStart(7)}   ${Math.round(users / (total / 1000)).toLocaleString("en-US").padStart(7)}    ${ok ? "ok" : JSON.stringify(r.check)}`;
      }),
      `  fastest: ${best.batchSize} (median ${seconds(medianOf(best))})`,
      "",
    ];
    const l = full.lifecycle;
    if (l) {
      lines.push(
        `With batch size ${best.batchSize}: enable ${seconds(full.enableTransitionMs + full.jobMs)}, then`,
        `  setup "Not restricted" (reconciles every user):   ${seconds(l.setupMs)}`,
        `  pause:                                             ${seconds(l.pauseMs)}`,
        `  ${l.heldChanges.toLocaleString("en-US")} held changes (deactivations, requests of 100): ${seconds(l.holdMs)}`,
        `  resume (applies them):                             ${seconds(l.resumeMs)}  ${JSON.stringify(l.resumeSummary)}; held left: ${l.heldAfterResume}`,
        `  turn off (transition, tokens, JobRun):             ${seconds(l.turnOffMs)}`,
        `  reset job:                                         ${seconds(l.resetJobMs)} → ${l.stateAfterReset}`,
        "",
      );
    }
    lines.push(`Report: ${path.relative(root, path.join(benchDir, "report.json"))}`, "");
    console.log(lines.join("\n"));
  } finally {
    await stop();
  }
}

if (process.env.BENCH_CHILD) {
  child(JSON.parse(process.env.BENCH_CHILD) as ChildTask)
    .then((result) => {
      console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
} else {
  parent().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
