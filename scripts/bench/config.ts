// Settings of `npm run bench:scim`, all from the environment (see the header of scripts/bench/scim.ts).
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const benchDir = path.join(root, ".data", "bench");

/** A fixed secret: the token hash is keyed by it, and the portal and the bare server must agree on it. */
export const BENCH_APP_SECRET = "bench-only-app-secret-0123456789abcdefghijklmnop";

function integer(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got "${raw}")`);
  return value;
}

function decimal(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min} (got "${raw}")`);
  return value;
}

export interface BenchConfig {
  users: number;
  groupMembers: number;
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  patchRepetitions: number;
  patchSize: number;
  portalPort: number;
  barePort: number;
  pgPort: number;
  /** A PostgreSQL server (maintenance database URL) to use instead of the embedded one. */
  externalServerUrl: string | undefined;
  database: string;
  /** "existing": the repository's .next (built first if missing); "head": a build of the committed HEAD. */
  build: "existing" | "head";
  /** Copy .next into .data/bench/app and serve that copy, so a `next build` elsewhere cannot swap it mid-run. */
  snapshot: boolean;
  /** Collect per-scenario SQL statistics with pg_stat_statements (embedded PostgreSQL only, unless preloaded). */
  sqlStats: boolean;
  /** Run the portal with `node --cpu-prof` and summarise the profile at the end. */
  cpuProfile: boolean;
  reportPath: string;
}

export function readConfig(): BenchConfig {
  const users = integer("BENCH_USERS", 100_000, 1_000);
  const concurrency = integer("BENCH_CONCURRENCY", 10, 1);
  return {
    users,
    groupMembers: Math.min(users, integer("BENCH_GROUP_MEMBERS", 100_000, 1)),
    concurrency,
    seconds: decimal("BENCH_SECONDS", 10, 0.5),
    warmupSeconds: decimal("BENCH_WARMUP_SECONDS", 2, 0),
    patchRepetitions: integer("BENCH_PATCH_REPETITIONS", 20, 1),
    patchSize: integer("BENCH_PATCH_SIZE", 1_000, 1),
    portalPort: integer("BENCH_PORT", 3190, 1),
    barePort: integer("BENCH_BARE_PORT", 3191, 1),
    pgPort: integer("BENCH_PG_PORT", 54380, 1),
    externalServerUrl: process.env.BENCH_DATABASE_URL || undefined,
    database: process.env.BENCH_DATABASE_NAME || "scim_bench",
    build: /^head$/i.test(process.env.BENCH_BUILD ?? "") ? "head" : "existing",
    snapshot: !/^(0|false|off|no)$/i.test(process.env.BENCH_SNAPSHOT ?? "1"),
    sqlStats: !/^(0|false|off|no)$/i.test(process.env.BENCH_SQL_STATS ?? "1"),
    cpuProfile: /^(1|true|on|yes)$/i.test(process.env.BENCH_CPU_PROFILE ?? ""),
    reportPath: path.join(benchDir, "scim-report.json"),
  };
}
