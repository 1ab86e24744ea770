// Where the portal's database is: $DATABASE_URL if set, else the embedded PostgreSQL under $DATA_DIR/pg.
import path from "node:path";
import { createDatabaseIfMissing, startEmbeddedPostgres } from "./embedded-postgres.mjs";

const root = path.resolve(import.meta.dirname, "../..");
export const dataDir = path.resolve(root, process.env.DATA_DIR || ".data");
const EMBEDDED_DB = "portal";

/** @returns {Promise<{ url: string, embedded: boolean, stop: () => Promise<void> }>} */
export async function openDatabase({ log = () => {} } = {}) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  const server = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), port, log });
  await createDatabaseIfMissing(server.serverUrl, EMBEDDED_DB);
  return { url: server.urlFor(EMBEDDED_DB), embedded: true, stop: server.reused ? async () => {} : server.stop };
}

/** Runs `fn(url)` against the database, stopping an embedded server it had to start. */
export async function withDatabase(fn) {
  const db = await openDatabase();
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}
