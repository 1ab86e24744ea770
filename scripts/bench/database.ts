// The benchmark's PostgreSQL: an embedded server under .data/bench/pg (or the server at $BENCH_DATABASE_URL), a
// fresh database with the migrations applied, and pg_stat_statements when it can be loaded.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "../lib/embedded-postgres.mjs";
import { applyMigrations as applyRepositoryMigrations } from "../prisma/migrations.mjs";
import { benchDir, type BenchConfig } from "./config";

export interface BenchDatabase {
  /** URL of the benchmark database. */
  url: string;
  /** URL of the server's maintenance database. */
  serverUrl: string;
  embedded: boolean;
  /** The postmaster's pid when the server is ours (for CPU accounting). */
  postmasterPid: number | null;
  /** pg_stat_statements is loaded and installed in the benchmark database. */
  sqlStats: boolean;
  stop: () => Promise<void>;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
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

function postmasterPidOf(dataDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function preloaded(serverUrl: string): Promise<boolean> {
  return withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ value: string }>("SELECT current_setting('shared_preload_libraries') AS value");
    return (rows[0]?.value ?? "").split(",").map((s) => s.trim()).includes("pg_stat_statements");
  });
}

/** Starts the embedded server; restarts it once with pg_stat_statements preloaded when asked and not yet so. */
async function startEmbedded(config: BenchConfig, log: (message: string) => void): Promise<EmbeddedServer & { dataDir: string }> {
  const dataDir = path.join(benchDir, "pg");
  fs.mkdirSync(benchDir, { recursive: true, mode: 0o755 });
  let server = await startEmbeddedPostgres({ dir: dataDir, port: config.pgPort, log });
  if (config.sqlStats && !(await preloaded(server.serverUrl))) {
    await withClient(server.serverUrl, (c) => c.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"));
    log("restarting PostgreSQL with pg_stat_statements preloaded");
    await server.stop();
    server = await startEmbeddedPostgres({ dir: dataDir, port: config.pgPort, log });
  }
  return { ...server, dataDir };
}

type ApplyMigrations = typeof applyRepositoryMigrations;

/**
 * `projectDir`: the project whose migrations to apply (the repository, or the HEAD build's folder, so that the
 * schema matches the code under test).
 */
export async function openBenchDatabase(config: BenchConfig, log: (message: string) => void, projectDir?: string): Promise<BenchDatabase> {
  let applyMigrations: ApplyMigrations = applyRepositoryMigrations;
  if (projectDir) {
    const migrations = (await import(pathToFileURL(path.join(projectDir, "scripts/prisma/migrations.mjs")).href)) as { applyMigrations: ApplyMigrations };
    applyMigrations = migrations.applyMigrations;
  }
  let serverUrl: string;
  let embedded: EmbeddedServer & { dataDir: string } | null = null;
  if (config.externalServerUrl) {
    serverUrl = config.externalServerUrl;
  } else {
    embedded = await startEmbedded(config, log);
    serverUrl = embedded.serverUrl;
  }
  const server = embedded;
  const stop = server && !server.reused ? () => server.stop() : () => Promise.resolve();
  try {
    await withClient(serverUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${quote(config.database)} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${quote(config.database)}`);
    });
    const url = withDatabase(serverUrl, config.database);
    const applied = await applyMigrations(url);
    log(`fresh database "${config.database}", migrations applied: ${applied.length}`);
    let sqlStats = false;
    if (config.sqlStats && (await preloaded(serverUrl))) {
      try {
        await withClient(url, (c) => c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"));
        sqlStats = true;
      } catch (e) {
        log(`pg_stat_statements unavailable (${e instanceof Error ? e.message : String(e)}); SQL statistics skipped`);
      }
    }
    return {
      url,
      serverUrl,
      embedded: embedded !== null,
      postmasterPid: embedded ? postmasterPidOf(embedded.dataDir) : null,
      sqlStats,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
