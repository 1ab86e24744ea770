#!/usr/bin/env node
// The portal's production server (what `npm start` runs instead of `next start`):
//   node scripts/portal-server.mjs [--dir <project folder with .next>] [--port 3000] [--hostname localhost]
// - The admin console and /api go through Next.js as with `next start`.
// - /scim/v2 goes straight to lib/scim-endpoint's node:http adapter: the same handler the app/scim route binds, minus
//   the Next.js request pipeline, which alone costs more CPU per request than a whole SCIM lookup.
// - WEB_CONCURRENCY worker processes (default: one per CPU, at most 4) share the port through node:cluster. The
//   portal keeps no state in memory that matters (sessions, jobs and rate limits live in PostgreSQL), so workers
//   are interchangeable, as separate instances behind a load balancer would be.
import cluster from "node:cluster";
import http from "node:http";
import os from "node:os";
import path from "node:path";

process.env.NODE_ENV = "production"; // before Next.js and React load: their production builds

const root = path.resolve(import.meta.dirname, "..");

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const dir = path.resolve(option("dir", root));
const port = Number(option("port", process.env.PORT || 3000));
const hostname = option("hostname", process.env.HOST || "localhost");

function workerCount() {
  const raw = process.env.WEB_CONCURRENCY;
  if (raw !== undefined && raw.trim() !== "") {
    const count = Number(raw);
    if (!Number.isInteger(count) || count < 1) throw new Error(`WEB_CONCURRENCY must be a positive integer (got "${raw}")`);
    return count;
  }
  return Math.min(os.availableParallelism(), 4);
}

/** One server: Next.js for the console, the SCIM adapter for /scim/v2. Resolves with a function that stops it. */
async function serve() {
  const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname, port });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  // The SCIM adapter is TypeScript in lib/ (shared with the route handler and the tests), loaded through tsx and
  // scoped to this import so that Next.js's own modules are left alone.
  const { tsImport } = await import("tsx/esm/api");
  const scim = await tsImport(path.join(root, "lib/scim-endpoint/node-http.ts"), { parentURL: import.meta.url, tsconfig: path.join(root, "tsconfig.json") });

  const server = http.createServer((req, res) => {
    if (scim.isScimPath(req.url)) void scim.serveScimRequest(req, res);
    else void handleNext(req, res);
  });
  // Longer than the idle timeout of common load balancers (60 s), so they close idle connections first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000; // above keepAliveTimeout, so an idle kept-alive connection is never cut mid-request
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  return async () => {
    server.close();
    server.closeIdleConnections();
    const forced = setTimeout(() => server.closeAllConnections(), 5_000);
    forced.unref();
    await new Promise((resolve) => server.once("close", resolve));
    await app.close();
  };
}

/** Runs serve() in this process and stops on SIGTERM/SIGINT (or when the cluster primary goes away). */
async function runServer(label) {
  let stop;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    try {
      if (stop) await stop();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
  if (cluster.isWorker) process.on("disconnect", () => void shutdown());
  try {
    stop = await serve();
  } catch (error) {
    console.error(`[portal] ${label} could not start:`, error instanceof Error ? error.message : error);
    process.exit(1);
  }
  console.log(`[portal] ${label} serving http://${hostname}:${port} (pid ${process.pid})`);
}

/**
 * Database connections per worker, unless DATABASE_POOL_SIZE says: 40 shared by the workers (at least 5 each), so
 * that four workers stay well inside PostgreSQL's default of 100 connections (each also keeps a few of its own
 * for the activity log and the job queue).
 */
function workerPoolSize(count) {
  return process.env.DATABASE_POOL_SIZE || String(Math.max(5, Math.floor(40 / count)));
}

/** Forks the workers, replaces one that dies, and stops them all on SIGTERM/SIGINT. */
function runPrimary(count) {
  let stopping = false;
  let quickDeaths = 0;
  const fork = () => {
    const worker = cluster.fork({ DATABASE_POOL_SIZE: workerPoolSize(count) });
    const startedAt = Date.now();
    worker.on("exit", (code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      console.error(`[portal] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      // A worker that cannot even start (port taken, bad build) would be replaced forever: give up instead.
      quickDeaths = Date.now() - startedAt < 30_000 ? quickDeaths + 1 : 0;
      if (quickDeaths >= 3) {
        console.error("[portal] workers keep failing at start; stopping");
        process.exit(1);
      }
      fork();
    });
  };
  const stopAll = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(0);
    }, 10_000).unref();
  };
  process.on("SIGTERM", stopAll);
  process.on("SIGINT", stopAll);
  console.log(`[portal] starting ${count} worker processes`);
  for (let i = 0; i < count; i++) fork();
}

const count = workerCount();
if (cluster.isWorker) await runServer(`worker ${cluster.worker?.id}`);
else if (count === 1) await runServer("server");
else runPrimary(count);
