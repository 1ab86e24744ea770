import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/**
 * Raw statements that start with this comment are prepared once per connection and reuse their plan. Planning a
 * large statement can cost more than running it (the access snapshot: ~6 ms planned each time, ~1 ms prepared), but
 * preparing every statement would keep one per distinct text (dynamic SQL) on every connection: only opt-in ones.
 */
export const PREPARED_STATEMENT = "/* prepared */";

const statementNames = new Map<string, string>();

/**
 * Prepared statements stay on every connection until it closes. Opt-in texts are few (a fixed set, plus SCIM list
 * queries of equality filters, one text per filter shape); past this many distinct texts, new ones run unnamed,
 * so that no client can grow the server's memory by inventing shapes.
 */
const MAX_PREPARED_STATEMENTS = 200;

/** The name a statement is prepared under on every connection, or "" to run it unnamed. */
export function statementName(sql: string): string {
  if (!sql.startsWith(PREPARED_STATEMENT)) return ""; // unnamed: parsed and planned per execution, as by default
  let name = statementNames.get(sql);
  if (!name) {
    if (statementNames.size >= MAX_PREPARED_STATEMENTS) return "";
    name = `p_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

// One pool and one Prisma client per process, created on first use (not at import: `next build` imports route
// modules without a database) and kept on globalThis so dev-mode reloads do not open new pools. Prisma runs on
// this pool; queryRows below uses it directly.
const holder = globalThis as unknown as { portalDb?: PrismaClient; portalPool?: pg.Pool };

function pool(): pg.Pool {
  holder.portalPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: env().DATABASE_POOL_SIZE });
  return holder.portalPool;
}

function client(): PrismaClient {
  holder.portalDb ??= new PrismaClient({
    adapter: new PrismaPg(pool(), { statementNameGenerator: (query) => statementName(query.sql), disposeExternalPool: true }),
  });
  return holder.portalDb;
}

// Column types as Prisma reads them: `timestamp` columns hold UTC (pg's default would read them as local time).
const TIMESTAMP = 1114;
const parseUtcTimestamp = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const defaultParser = pg.types.getTypeParser as (oid: number, format?: "text" | "binary") => (value: string) => unknown;
const rowTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP && format !== "binary" ? parseUtcTimestamp : defaultParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * Runs one read statement on the pool without the ORM, for the hottest reads only (the SCIM token check and list
 * queries, which run on nearly every SCIM request): Prisma's per-call work was a fifth of a lookup's CPU. Same
 * connections, same prepared statements (PREPARED_STATEMENT) and the same row values as db.$queryRaw.
 */
export async function queryRows<Row>(query: Prisma.Sql | { text: string; values: unknown[] }): Promise<Row[]> {
  const name = statementName(query.text);
  const result = await pool().query<Row & pg.QueryResultRow>({ text: query.text, values: query.values, types: rowTypes, ...(name ? { name } : {}) });
  return result.rows;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value: unknown = Reflect.get(instance, property);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(instance) : value;
  },
  has: (_target, property) => Reflect.has(client(), property),
});

export type Db = PrismaClient;
/** A transaction client, as passed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
