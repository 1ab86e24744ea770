// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm) on top of @prisma/adapter-pg.
// The native engine is downloaded by the Prisma CLI at run time from a host that is unreachable here;
// this module replaces it. Three workarounds for adapter-pg 7.10 are marked "why:".
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);
let wasmReady;

// The engine reports Rust panics through this global (the Prisma CLI normally installs it).
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
  message: "",
  set_message(m) { this.message = `RuntimeError: ${m}`; },
  get() { return this.message; },
};

function loadWasm() {
  wasmReady ??= (async () => {
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = fs.readFileSync(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start?.();
  })();
  return wasmReady;
}

/** Discrete pg connection fields from a URL. */
export function pgConfigFromUrl(url) {
  // why: PrismaPg.connectToShadowDb() spreads {...config, database} and pg lets a connectionString override
  // `database`, so with a string the "shadow" database silently becomes the real one.
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
  };
}

// why: adapter-pg has no mapping for Postgres's internal "char" type (OID 18), which the schema describer reads
// from pg_catalog ("Column type 'char' could not be deserialized"). Report it as text / ColumnType Character.
const PG_CHAR_OID = 18, PG_TEXT_OID = 25, COLUMN_TYPE_CHARACTER = 6;
function withCharSupport(adapter) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (proto.__charSupport) return adapter;
  proto.__charSupport = true;
  const { performIO, queryRaw } = proto;
  proto.performIO = async function (...args) {
    const result = await performIO.apply(this, args);
    const charColumns = [];
    result.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR_OID) { field.dataTypeID = PG_TEXT_OID; charColumns.push(i); }
    });
    this.__charColumns = charColumns;
    return result;
  };
  proto.queryRaw = async function (...args) {
    const result = await queryRaw.apply(this, args);
    for (const i of this.__charColumns ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    this.__charColumns = [];
    return result;
  };
  return adapter;
}

// why: adapter-pg's executeScript splits a migration on every ";", which breaks function bodies and DO blocks
// ($$ ... ; ... $$). PostgreSQL runs a multi-statement script itself, as one implicit transaction.
function withWholeScripts(adapter) {
  const proto = Object.getPrototypeOf(adapter);
  if (proto.__wholeScripts || typeof proto.executeScript !== "function") return adapter;
  proto.__wholeScripts = true;
  proto.executeScript = async function (script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

/** Creates the database named in `url` if it does not exist (the native engine does this for migrate). */
export async function ensureDatabase(url) {
  const cfg = pgConfigFromUrl(url);
  const client = new pg.Client({ ...cfg, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [cfg.database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${cfg.database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export async function createSchemaEngine({ url, datamodels, onLog }) {
  await loadWasm();
  const cfg = pgConfigFromUrl(url);
  const base = new PrismaPg(cfg);
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => withWholeScripts(withCharSupport(await base.connect())),
    // why: adapter-pg drops its shadow database while its own pool is still connected, which fails.
    // Create it here and drop it WITH (FORCE) only after the pool is closed.
    async connectToShadowDb() {
      const admin = new pg.Client(cfg);
      await admin.connect();
      const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      const adapter = withWholeScripts(withCharSupport(await new PrismaPg({ ...cfg, database: name }).connect()));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return adapter;
    },
  });
  return engineBindings.SchemaEngine.new(
    { datamodels: datamodels?.length ? datamodels : undefined },
    onLog ?? (() => {}),
    factory,
  );
}
