// Where a SCIM `userName eq` lookup spends its time outside Next.js: each step of the portal's lookup run
// in-process, one at a time, against a seeded benchmark database, with CPU and wall time per operation.
//   npx tsx scripts/bench/lookup-breakdown.ts   (while `BENCH_KEEP=1 npm run bench:scim` keeps its database up)
// It adds a token and some users to that (throwaway) database.
// env: BENCH_DATABASE_URL (default: the embedded benchmark database), BENCH_ITERATIONS (default 2000).
import pg from "pg";
import { BENCH_APP_SECRET } from "./config";
import { userNameOf } from "./seed";

const url = process.env.BENCH_DATABASE_URL || `postgresql://postgres:postgres@127.0.0.1:${process.env.BENCH_PG_PORT || 54380}/scim_bench`;
process.env.DATABASE_URL = url;
process.env.APP_SECRET = BENCH_APP_SECRET;
process.env.APP_URL ??= "http://127.0.0.1:3190";
const iterations = Number(process.env.BENCH_ITERATIONS || 2000);

const { db } = await import("@/lib/db");
const { Prisma } = await import("@/lib/generated/prisma/client");
const { listDirectoryRows } = await import("@/lib/directory/list-resources");
const { listResources } = await import("@/lib/directory/list-operations");
const { groupsOfUsers } = await import("@/lib/directory/user-groups");
const { parseFilter } = await import("@/lib/scim/filter");
const { parseListQuery } = await import("@/lib/scim/list-query");
const { hashToken } = await import("@/lib/tokens/token-hash");
const { displayHintOf, generateToken } = await import("@/lib/tokens/token-format");
const { authenticateScimRequest } = await import("@/lib/tokens/authenticate");
const { handleScimRequest } = await import("@/lib/scim-endpoint/handle-request");
const { createUser, replaceUser } = await import("@/lib/directory/user-operations");
const { directoryUserId } = await import("./seed");

const pool = new pg.Pool({ connectionString: url, max: 4 });
const account = await pool.query<{ id: string; users: number }>(
  `SELECT a.id::text AS id, (SELECT count(*)::int FROM "DirectoryUser" u WHERE u."accountId" = a.id AND u."userNameKey" LIKE 'user%') AS users FROM "Account" a WHERE a.slug = 'bench'`,
);
const accountId = account.rows[0]?.id;
const users = account.rows[0]?.users ?? 0;
if (!accountId || users === 0) throw new Error(`no seeded benchmark account in ${url}; run BENCH_KEEP=1 npm run bench:scim first`);
const randomUserName = () => userNameOf(1 + Math.floor(Math.random() * users));
const filterOf = (name: string) => `userName eq "${name.toUpperCase()}"`;
const ctx = { accountId, actor: { type: "SCIM_TOKEN" as const, label: "bench" }, requestId: "bench", baseUrl: "http://127.0.0.1:3190/scim/v2" };

async function time(name: string, op: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(200, iterations); i++) await op(); // warm-up
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await op();
  const wall = (performance.now() - t0) / iterations;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / iterations;
  console.log(`${name.padEnd(72)} ${wall.toFixed(3).padStart(7)} ms wall  ${cpuMs.toFixed(3).padStart(7)} ms CPU (this process)`);
}

console.log(`${users} users; ${iterations} sequential iterations per line\n`);
await time("pg: SELECT 1", () => pool.query("SELECT 1"));
await time("prisma $queryRaw: SELECT 1", () => db.$queryRaw`SELECT 1`);
await time("pg: user by accountId + userNameKey", () =>
  pool.query(`SELECT id::text, attributes, version, "createdAt", "updatedAt" FROM "DirectoryUser" WHERE "accountId" = $1::uuid AND "userNameKey" = $2`, [accountId, randomUserName()]),
);
await time("prisma $queryRaw: user by accountId + userNameKey", () =>
  db.$queryRaw`SELECT id::text, attributes, version, "createdAt", "updatedAt" FROM "DirectoryUser" WHERE "accountId" = ${accountId}::uuid AND "userNameKey" = ${randomUserName()}`,
);
await time("prisma $queryRaw: token by hash (the auth query)", () =>
  db.$queryRaw`SELECT t."id", t."accountId", t."name", t."secretHash", p."state"::text AS "state"
    FROM "ScimToken" t LEFT JOIN "Provisioning" p ON p."accountId" = t."accountId" WHERE t."secretHash" = ${hashToken("fpscim_unknown")}`,
);
await time("prisma $transaction([2 x $queryRaw], RepeatableRead) (batch transaction)", () =>
  db.$transaction([db.$queryRaw`SELECT 1`, db.$queryRaw`SELECT 2`], { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead }),
);
await time("parseFilter only (no database)", () => Promise.resolve(parseFilter("User", filterOf(randomUserName()))));
await time("listDirectoryRows (count + page in a RepeatableRead transaction)", () =>
  listDirectoryRows(accountId, "User", { filter: parseFilter("User", filterOf(randomUserName())), sortOrder: "ascending", startIndex: 1, count: 100 }),
);
await time("listDirectoryRows with count 0 (count query only, no transaction)", () =>
  listDirectoryRows(accountId, "User", { filter: parseFilter("User", filterOf(randomUserName())), sortOrder: "ascending", startIndex: 1, count: 0 }),
);
const someId = (await pool.query<{ id: string }>(`SELECT id::text FROM "DirectoryUser" WHERE "accountId" = $1::uuid LIMIT 1`, [accountId])).rows[0]!.id;
await time("groupsOfUsers (one user)", () => groupsOfUsers(accountId, [someId]));
await time("listResources: the whole lookup without HTTP, auth and rate limit", () =>
  listResources(ctx, "User", parseListQuery("User", new URLSearchParams({ filter: filterOf(randomUserName()) }))),
);

// A token of our own (the benchmark database is throwaway), for the authenticated steps.
const token = generateToken();
await pool.query(`INSERT INTO "ScimToken" ("accountId", name, "displayHint", "secretHash") VALUES ($1::uuid, 'lookup-breakdown', $2, $3)`, [accountId, displayHintOf(token), hashToken(token)]);
await time("authenticateScimRequest (hash + token query)", () => authenticateScimRequest(`Bearer ${token}`));
await time("handleScimRequest: the whole SCIM handler (auth, rate limit, route, JSON), no Next.js", async () => {
  const url = `http://127.0.0.1:3190/scim/v2/Users?filter=${encodeURIComponent(filterOf(randomUserName()))}`;
  const response = await handleScimRequest(new Request(url, { headers: { authorization: `Bearer ${token}` } }));
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  await response.text();
});

// Writes, for comparison (they add rows to the throwaway benchmark database).
const tag = Date.now().toString(36);
let n = 0;
const body = (userName: string, i: number) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName,
  active: true,
  name: { givenName: `G${i}`, familyName: `F${i}` },
  displayName: `G${i} F${i} ${n}`,
  emails: [{ value: userName, type: "work", primary: true }],
});
await time("createUser (in-process: 1 interactive transaction, 8 statements + groups)", () => {
  n++;
  return createUser(ctx, body(`breakdown-${tag}-${n}@bench.test`, n));
});
await time("replaceUser (in-process)", () => {
  const i = 1 + Math.floor(Math.random() * users);
  n++;
  return replaceUser(ctx, directoryUserId(i), body(userNameOf(i), i), null);
});
await time("prisma interactive $transaction with 2 x $queryRaw", () => db.$transaction(async (tx) => {
  await tx.$queryRaw`SELECT 1`;
  await tx.$queryRaw`SELECT 2`;
}));

await pool.end();
await db.$disconnect();
