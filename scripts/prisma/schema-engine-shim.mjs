#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the CLI cannot download here.
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this file, so the stock CLI (generate, validate,
// migrate dev/deploy/status/diff, db push) works offline. It speaks the binary's line-delimited JSON-RPC on stdio.
import fs from "node:fs";
import readline from "node:readline";
import pg from "pg";
import { createSchemaEngine, ensureDatabase, pgConfigFromUrl } from "./wasm-engine.mjs";

const argv = process.argv.slice(2);
if (argv.includes("--version") || argv.includes("-V")) {
  console.log("schema-engine-cli wasm-shim");
  process.exit(0);
}

const datamodels = [];
let datasource = {};
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--datamodels") datamodels.push([argv[i + 1], fs.readFileSync(argv[i + 1], "utf8")]);
  if (argv[i] === "--datasource") datasource = JSON.parse(argv[i + 1]);
}
const url = datasource.url || process.env.DATABASE_URL;

function logError(message, code) {
  const line = { timestamp: new Date().toISOString(), level: "ERROR", target: "schema_engine::logger", fields: { message, error_code: code } };
  process.stderr.write(JSON.stringify(line) + "\n");
}

if (argv.includes("cli")) {
  // One-shot commands: `schema-engine cli <command> --datasource ...`
  const command = argv.find((a) => ["can-connect-to-database", "create-database", "drop-database"].includes(a));
  const cfg = pgConfigFromUrl(url);
  const client = new pg.Client(command === "can-connect-to-database" ? cfg : { ...cfg, database: "postgres" });
  try {
    await client.connect();
    const quoted = `"${cfg.database.replaceAll('"', '""')}"`;
    if (command === "create-database") await client.query(`CREATE DATABASE ${quoted}`);
    if (command === "drop-database") await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.end();
    process.stdout.write(JSON.stringify({ result: cfg.database }) + "\n");
    process.exit(0);
  } catch (e) {
    logError(e.message, e.code === "3D000" ? "P1003" : "P1001");
    process.exit(1);
  }
}

// `prisma generate` and `validate` need no database; connect lazily so they work without one.
let enginePromise;
function engine() {
  enginePromise ??= (async () => {
    if (url) await ensureDatabase(url);
    return createSchemaEngine({ url, datamodels, onLog: (m) => process.stderr.write(String(m) + "\n") });
  })();
  return enginePromise;
}

const methodAliases = { getDatabaseVersion: "version" };
let queue = Promise.resolve();
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  if (!line.trim()) return;
  const request = JSON.parse(line);
  if (request.id === undefined || !request.method) return; // replies to our own "print" requests
  queue = queue.then(async () => {
    const method = methodAliases[request.method] ?? request.method;
    let reply;
    try {
      const e = await engine();
      if (typeof e[method] !== "function") {
        throw Object.assign(new Error(`method ${request.method} is not supported by the wasm shim`), { code: "P1000" });
      }
      const params = Array.isArray(request.params) ? request.params[0] : request.params;
      const result = await e[method](params);
      // The native engine prints `migrate diff` output through a "print" request to the CLI.
      if (method === "diff" && result?.stdout) {
        const print = { jsonrpc: "2.0", id: `print-${request.id}`, method: "print", params: { content: result.stdout } };
        process.stdout.write(JSON.stringify(print) + "\n");
        result.stdout = null;
      }
      reply = { jsonrpc: "2.0", id: request.id, result: result ?? null };
    } catch (e) {
      const data = { is_panic: false, message: e.message, meta: e.meta ?? null, error_code: e.code ?? null };
      reply = { jsonrpc: "2.0", id: request.id, error: { code: 4466, message: "An error happened. Check the data field for details.", data } };
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
  });
});
lines.on("close", () => queue.then(() => process.exit(0)));
