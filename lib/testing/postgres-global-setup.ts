// Vitest global setup for integration tests: a real PostgreSQL with a template database holding the
// migrated schema. Each test file then gets its own copy (database-per-file.ts), so files run in parallel.
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres.mjs";
import { applyMigrations } from "../../scripts/prisma/migrations.mjs";

export const TEMPLATE_DB = "portal_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!serverUrl) {
    const root = path.resolve(import.meta.dirname, "../..");
    const server = await startEmbeddedPostgres({
      dir: path.join(root, process.env.DATA_DIR || ".data", "test-pg"),
      port: Number(process.env.TEST_PG_PORT || 54339),
    });
    serverUrl = server.serverUrl;
    stop = () => server.stop();
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // Leftovers of an interrupted run, then a fresh template.
  const { rows } = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'portal_test_%'",
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await admin.end();
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await applyMigrations(templateUrl.toString());
  // The schema engine's pool may linger; a template must have no connections to be copied.
  const closer = new pg.Client({ connectionString: serverUrl });
  await closer.connect();
  await closer.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [TEMPLATE_DB]);
  await closer.end();

  project.provide("pgServerUrl", serverUrl);
  return async () => {
    await stop();
  };
}
