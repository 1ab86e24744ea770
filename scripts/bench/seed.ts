// Set-based seeding of the benchmark database: generate_series and INSERT ... SELECT only, no row-by-row inserts.
// Ids are md5-derived UUIDs (md5('dir:' || n)::uuid), so SQL and the load generator compute the same ids
// without reading them back. Secondary indexes of the bulk-loaded tables are dropped first and rebuilt from
// their exact definitions afterwards (faster than maintaining them row by row). As a superuser, the per-row
// foreign-key triggers are skipped during the load (session_replication_role = replica) and the references are
// verified afterwards with set-based anti-joins instead; the unique indexes are rebuilt, so uniqueness is checked.
import crypto from "node:crypto";
import pg from "pg";
import { type BenchConfig } from "./config";

export const BENCH_DOMAIN = "bench.test";
export const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The md5-derived UUID that the seed SQL gives to `key` (md5(key)::uuid). */
export function seededId(key: string): string {
  const h = crypto.createHash("md5").update(key, "utf8").digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const directoryUserId = (n: number) => seededId(`dir:${n}`);
export const extraUserId = (n: number) => seededId(`dir:extra:${n}`);
export const userNameOf = (n: number) => `user${n}@${BENCH_DOMAIN}`;
export const BIG_GROUP_ID = seededId("group:big");

export interface SeedTiming {
  step: string;
  ms: number;
  rows?: number;
}

export interface SeedResult {
  accountId: string;
  tokenId: string;
  /** Directory users named user<n>@bench.test, n = 1..users. */
  users: number;
  /** Extra directory users (not in any group), added to the big group by the PATCH scenario. */
  extraUsers: number;
  groupId: string;
  groupMembers: number;
  timings: SeedTiming[];
  totalMs: number;
  tableSizes: Record<string, string>;
}

const GIVEN = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "John", "Radia", "Tim", "Hedy", "Edsger", "Katherine", "Donald", "Sophie", "Niklaus", "Joan", "Guido", "Shafi", "Leslie", "Annie", "Bjarne", "Mary", "James", "Lynn", "Brian", "Karen", "Robin", "Adele", "Claude", "Evelyn", "Yukihiro", "Anita", "Ward", "Sally", "Rasmus", "Jean", "Larry", "Carol", "Whitfield", "Ida", "Vint", "Susan", "Bob", "Elena"];
const FAMILY = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen", "McCarthy", "Perlman", "Berners-Lee", "Lamarr", "Dijkstra", "Johnson", "Knuth", "Wilson", "Wirth", "Clarke", "van Rossum", "Goldwasser", "Lamport", "Easley", "Stroustrup", "Keller", "Gosling", "Conway", "Kernighan", "Jones", "Milner", "Goldberg", "Shannon", "Boyd", "Matsumoto", "Borg", "Cunningham", "Floyd", "Lerdorf", "Sammet", "Wall", "Shaw", "Diffie", "Rhodes", "Cerf", "Kare", "Kahn", "Garcia", "Moore", "Zhang", "Okafor", "Nakamura", "Silva", "Novak"];
const DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "Support", "Operations", "Legal", "People", "Research", "Security"];

const sqlArray = (values: string[]) => `(ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(",")}]::text[])`;

/** The per-row expressions shared by the User and DirectoryUser inserts (n = the series value). */
function personColumns(prefix: string): string {
  return `
    ${sqlArray(GIVEN)}[1 + n % ${GIVEN.length}] AS given,
    ${sqlArray(FAMILY)}[1 + (n / ${GIVEN.length}) % ${FAMILY.length}] AS family,
    ${sqlArray(DEPARTMENTS)}[1 + n % ${DEPARTMENTS.length}] AS department,
    '${prefix}' || n || '@${BENCH_DOMAIN}' AS user_name`;
}

interface Range {
  /** userName prefix ("user" → user<n>@bench.test) and id namespace (md5('dir:' || key || n)). */
  prefix: string;
  idKey: string;
  from: number;
  to: number;
  /** Total rows of the whole seed, for spreading createdAt over time in creation order. */
  createdOffset: number;
  total: number;
}

async function insertPortalUsers(client: pg.Client, accountId: string, r: Range): Promise<number> {
  const result = await client.query(
    `INSERT INTO "User" (id, "accountId", "userName", "userNameKey", name, active, source, "createdAt", "updatedAt")
     SELECT md5('portal:' || $2::text || n)::uuid, $1::uuid, p.user_name, p.user_name, p.given || ' ' || p.family, true, 'SCIM'::"UserSource", t.ts, t.ts
     FROM generate_series($3::int, $4::int) AS n
     CROSS JOIN LATERAL (SELECT ${personColumns(r.prefix)}) AS p
     CROSS JOIN LATERAL (SELECT now() - make_interval(secs => ($5::int - (n + $6::int)) / 1000.0) AS ts) AS t`,
    [accountId, r.idKey, r.from, r.to, r.total, r.createdOffset],
  );
  return result.rowCount ?? 0;
}

async function insertDirectoryUsers(client: pg.Client, accountId: string, r: Range): Promise<number> {
  const result = await client.query(
    `INSERT INTO "DirectoryUser" (id, "accountId", "externalId", "userName", "userNameKey", active, attributes, "emailKeys", version, "portalUserId", "createdAt", "updatedAt")
     SELECT md5('dir:' || $2::text || n)::uuid, $1::uuid, 'ext-' || $2::text || n, p.user_name, p.user_name, true,
            jsonb_build_object(
              'userName', p.user_name,
              'externalId', 'ext-' || $2::text || n,
              'active', true,
              'name', jsonb_build_object('givenName', p.given, 'familyName', p.family, 'formatted', p.given || ' ' || p.family),
              'displayName', p.given || ' ' || p.family,
              'emails', jsonb_build_array(jsonb_build_object('value', p.user_name, 'type', 'work', 'primary', true)),
              '${ENTERPRISE_URN}', jsonb_build_object('employeeNumber', (100000 + n)::text, 'department', p.department)
            ),
            ARRAY[p.user_name], 1, md5('portal:' || $2::text || n)::uuid, t.ts, t.ts
     FROM generate_series($3::int, $4::int) AS n
     CROSS JOIN LATERAL (SELECT ${personColumns(r.prefix)}) AS p
     CROSS JOIN LATERAL (SELECT now() - make_interval(secs => ($5::int - (n + $6::int)) / 1000.0) AS ts) AS t`,
    [accountId, r.idKey, r.from, r.to, r.total, r.createdOffset],
  );
  return result.rowCount ?? 0;
}

const BULK_TABLES = ["User", "DirectoryUser", "DirectoryMembership"];

/** Drops the secondary (non-constraint) indexes of the bulk-loaded tables; returns their definitions. */
async function dropSecondaryIndexes(client: pg.Client): Promise<{ name: string; definition: string }[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition
     FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))`,
    [BULK_TABLES],
  );
  for (const index of rows) await client.query(`DROP INDEX "${index.name.replaceAll('"', '""')}"`);
  return rows;
}

export async function seedDatabase(url: string, config: BenchConfig, token: { displayHint: string; secretHash: Buffer }, log: (message: string) => void): Promise<SeedResult> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  const timings: SeedTiming[] = [];
  const started = performance.now();
  const step = async <T>(name: string, fn: () => Promise<T>, rows?: (value: T) => number): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    const count = rows?.(value);
    timings.push({ step: name, ms, ...(count !== undefined ? { rows: count } : {}) });
    log(`  ${name}: ${(ms / 1000).toFixed(2)} s${count !== undefined ? ` (${count.toLocaleString("en-US")} rows)` : ""}`);
    return value;
  };
  try {
    // Bulk-load settings for this session only; the portal runs with the server defaults.
    await client.query("SET synchronous_commit = off");
    await client.query("SET maintenance_work_mem = '1GB'");
    await client.query("SET work_mem = '256MB'");

    // One batch more than the measured PATCHes: the first one warms the route up.
    const extraUsers = (config.patchRepetitions + 1) * config.patchSize;
    const total = config.users + extraUsers;

    const { accountId, tokenId } = await step("account, provisioning, group, token", async () => {
      const account = await client.query<{ id: string }>(`INSERT INTO "Account" (slug, name) VALUES ('bench', 'Benchmark Corp') RETURNING id::text`);
      const id = account.rows[0]!.id;
      await client.query(`INSERT INTO "Provisioning" ("accountId", state, scope, version) VALUES ($1::uuid, 'ACTIVE', 'NOT_RESTRICTED', 1)`, [id]);
      await client.query(
        `INSERT INTO "DirectoryGroup" (id, "accountId", "externalId", "displayName", "displayNameKey", attributes)
         VALUES ($2::uuid, $1::uuid, 'ext-group-big', 'All Staff', 'all staff', jsonb_build_object('displayName', 'All Staff', 'externalId', 'ext-group-big'))`,
        [id, BIG_GROUP_ID],
      );
      const t = await client.query<{ id: string }>(
        `INSERT INTO "ScimToken" ("accountId", name, "displayHint", "secretHash") VALUES ($1::uuid, 'Benchmark', $2, $3) RETURNING id::text`,
        [id, token.displayHint, token.secretHash],
      );
      return { accountId: id, tokenId: t.rows[0]!.id };
    });

    const indexes = await step("drop secondary indexes", () => dropSecondaryIndexes(client), (r) => r.length);
    const superuser = (await client.query<{ superuser: boolean }>("SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user")).rows[0]?.superuser === true;
    if (superuser) await client.query("SET session_replication_role = replica");

    const BATCH = 250_000;
    const ranges: Range[] = [];
    for (let from = 1; from <= config.users; from += BATCH) {
      ranges.push({ prefix: "user", idKey: "", from, to: Math.min(config.users, from + BATCH - 1), createdOffset: 0, total });
    }
    ranges.push({ prefix: "extra", idKey: "extra:", from: 1, to: extraUsers, createdOffset: config.users, total });

    const loadPortalUsers = async (c: pg.Client) => {
      let rows = 0;
      for (const r of ranges) rows += await insertPortalUsers(c, accountId, r);
      return rows;
    };
    const loadDirectoryUsers = async (c: pg.Client) => {
      let rows = 0;
      for (const r of ranges) rows += await insertDirectoryUsers(c, accountId, r);
      return rows;
    };
    if (superuser) {
      // No foreign-key checks: both tables load at once, on two connections.
      const second = new pg.Client({ connectionString: url });
      second.on("error", () => {});
      await second.connect();
      try {
        await second.query("SET synchronous_commit = off");
        await second.query("SET session_replication_role = replica");
        await step("portal users + directory users (User, DirectoryUser; 2 connections)", async () => {
          const [a, b] = await Promise.all([loadPortalUsers(client), loadDirectoryUsers(second)]);
          return a + b;
        }, (n) => n);
      } finally {
        await second.end();
      }
    } else {
      await step("portal users (User)", () => loadPortalUsers(client), (n) => n);
      await step("directory users (DirectoryUser)", () => loadDirectoryUsers(client), (n) => n);
    }
    await step(`memberships of the big group`, async () => {
      const result = await client.query(
        `INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberUserId", "createdAt")
         SELECT $1::uuid, $2::uuid, md5('dir:' || n)::uuid, now() FROM generate_series(1, $3::int) AS n`,
        [accountId, BIG_GROUP_ID, config.groupMembers],
      );
      return result.rowCount ?? 0;
    }, (n) => n);

    if (superuser) {
      await client.query("SET session_replication_role = DEFAULT");
      await step("verify references (anti-joins)", async () => {
        const { rows } = await client.query<{ dangling: number }>(
          `SELECT ((SELECT count(*) FROM "DirectoryUser" d WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = d."portalUserId"))
                + (SELECT count(*) FROM "DirectoryUser" d WHERE d."accountId" <> $1::uuid)
                + (SELECT count(*) FROM "User" u WHERE u."accountId" <> $1::uuid)
                + (SELECT count(*) FROM "DirectoryMembership" m WHERE m."accountId" <> $1::uuid OR m."groupId" <> $2::uuid
                     OR NOT EXISTS (SELECT 1 FROM "DirectoryUser" d WHERE d.id = m."memberUserId")))::int AS dangling`,
          [accountId, BIG_GROUP_ID],
        );
        if (rows[0]?.dangling !== 0) throw new Error(`seeding left ${rows[0]?.dangling} dangling references`);
      });
    }
    await step("rebuild secondary indexes", async () => {
      await client.query("SET max_parallel_maintenance_workers = 2");
      for (const index of indexes) await client.query(index.definition);
      return indexes.length;
    }, (n) => n);
    await step("VACUUM (ANALYZE)", async () => {
      for (const table of ["Account", "Provisioning", "ScimToken", "DirectoryGroup", ...BULK_TABLES]) await client.query(`VACUUM (ANALYZE) "${table}"`);
    });

    const sizes = await client.query<{ table: string; size: string }>(
      `SELECT c.relname AS table, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
       FROM pg_class c WHERE c.relkind = 'r' AND c.relname = ANY($1::text[]) ORDER BY c.relname`,
      [BULK_TABLES],
    );
    return {
      accountId,
      tokenId,
      users: config.users,
      extraUsers,
      groupId: BIG_GROUP_ID,
      groupMembers: config.groupMembers,
      timings,
      totalMs: performance.now() - started,
      tableSizes: Object.fromEntries(sizes.rows.map((r) => [r.table, r.size])),
    };
  } finally {
    await client.end();
  }
}
