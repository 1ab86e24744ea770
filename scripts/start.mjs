#!/usr/bin/env node
// `npm start`: the whole portal in one command.
//   database: $DATABASE_URL, or an embedded PostgreSQL in $DATA_DIR/pg (created on first run, reused after)
//   then: migrations, demo data and the demo identity provider (unless DEMO=off), a production build when the
//   sources changed, and the portal server (scripts/portal-server.mjs). Ctrl-C stops everything in order. `--dev` runs `next dev` instead.
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { dataDir, openDatabase } from "./lib/database-url.mjs";
import { stopLeftoverPostgres } from "./lib/embedded-postgres.mjs";
import { appSecret } from "./lib/app-secret.mjs";
import { applyMigrations } from "./prisma/migrations.mjs";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const fresh = process.argv.includes("--fresh"); // start over: delete the embedded database and its secrets
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "localhost";
const appUrl = process.env.APP_URL || `http://localhost:${port}`;
const demo = !/^(off|false|0|no)$/i.test(process.env.DEMO || "on");
const idpPort = Number(process.env.DEMO_IDP_PORT || 3001);
const idpIssuer = process.env.DEMO_IDP_ISSUER || `http://localhost:${idpPort}`;

const started = Date.now();
const log = (message) => console.log(`[portal +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** The newest modification time under the folders and files a build depends on. */
function newestSourceTime() {
  const skip = new Set(["node_modules", ".next", "generated", ".data"]);
  let newest = 0;
  const visit = (p) => {
    let stat;
    try { stat = fs.statSync(p); } catch { return; }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (!skip.has(entry)) visit(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const p of ["app", "components", "lib", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "prisma/schema.prisma"]) {
    visit(path.join(root, p));
  }
  return newest;
}

function buildIfNeeded() {
  if (dev || process.env.SKIP_BUILD === "1") return;
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs > newestSourceTime()) {
    log("production build is up to date");
    return;
  }
  log("building the portal (next build)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error("next build failed");
}

const env = { ...process.env, APP_SECRET: appSecret(), APP_URL: appUrl, NEXTAUTH_URL: appUrl };
const cleanups = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  for (const cleanup of cleanups.reverse()) {
    try { await cleanup(); } catch (e) { console.error(e); }
  }
  log("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(130));
process.on("SIGTERM", () => void shutdown(143));

try {
  if (fresh && !process.env.DATABASE_URL) {
    await stopLeftoverPostgres(path.join(dataDir, "pg"));
    fs.rmSync(dataDir, { recursive: true, force: true });
    env.APP_SECRET = appSecret();
  }
  buildIfNeeded();
  const database = await openDatabase({ log });
  cleanups.push(database.stop);
  env.DATABASE_URL = database.url;
  log(database.embedded ? `embedded PostgreSQL ready (${path.relative(root, dataDir) || "."}/pg)` : "using the PostgreSQL at $DATABASE_URL");

  const applied = await applyMigrations(database.url);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  if (demo) {
    const seed = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed-demo.ts"], {
      cwd: root,
      env: { ...env, DEMO_IDP_ISSUER: idpIssuer },
      stdio: ["ignore", "pipe", "inherit"],
    });
    if (seed.status !== 0) throw new Error("loading the demo data failed");
    log(seed.stdout.toString().trim());
    const { startDemoIdp } = await import("./demo/oidc-idp.mjs");
    const idp = await startDemoIdp({ port: idpPort, issuer: idpIssuer, portalUrl: appUrl });
    cleanups.push(() => idp.close());
    log(`demo identity provider at ${idpIssuer}`);
  }

  // Production: scripts/portal-server.mjs (Next.js for the console, the SCIM API beside it, one worker per CPU).
  const serverArgs = dev
    ? [path.join(root, "node_modules/next/dist/bin/next"), "dev", "--port", String(port), "--hostname", host]
    : [path.join(root, "scripts/portal-server.mjs"), "--port", String(port), "--hostname", host];
  const next = spawn(process.execPath, serverArgs, {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const nextExited = new Promise((resolve) => next.on("exit", resolve));
  cleanups.push(async () => {
    if (next.exitCode === null && next.signalCode === null) next.kill("SIGTERM");
    await Promise.race([nextExited, new Promise((r) => setTimeout(r, 10_000))]);
    if (next.exitCode === null && next.signalCode === null) next.kill("SIGKILL");
  });
  nextExited.then((code) => { if (!stopping) void shutdown(typeof code === "number" ? code : 1); });

  await waitForHttp(`http://localhost:${port}/api/health`, 60_000);
  printBanner();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await shutdown(1);
}

async function waitForHttp(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function printBanner() {
  const lines = [
    "",
    `  Federation portal is running at ${appUrl}`,
    "",
  ];
  if (demo) {
    lines.push(
      "  Sign in through the demo identity provider (password: demo):",
      "    alice.admin@acme.test    administrator of Acme Corporation",
      "    bob.builder@acme.test    ordinary user",
      "    grace.admin@globex.test  administrator of Globex Industries",
      "  Or with a local password (first-administrator sign-in):",
      `    owner@acme.test / ${process.env.DEMO_OWNER_PASSWORD || "demo-owner-password"}`,
      "",
    );
  }
  lines.push("  Press Ctrl-C to stop.", "");
  console.log(lines.join("\n"));
}
