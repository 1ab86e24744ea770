// A measurement, not a test: loads 100,000 directory users (and 1,000 groups) into a scratch account and prints
// the PostgreSQL plans of the SCIM lookups the IdPs make, as lib/directory/list-resources.ts runs them, plus
// the cost of the two ways of counting totalResults and of paging.
//   npx tsx scripts/bench/explain-filters.ts [--users 100000] [--keep]
// Uses $DATABASE_URL (migrated), or the embedded PostgreSQL under $DATA_DIR like the other scripts. The bench
// accounts are deleted at the end unless --keep is given.
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/database-url.mjs";
import { appSecret } from "../lib/app-secret.mjs";

const { values } = parseArgs({ options: { users: { type: "string", default: "100000" }, keep: { type: "boolean", default: false } } });
const USERS = Number(values.users);
const GROUPS = 1000;
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
process.env.APP_SECRET ??= appSecret();

const { db } = await import("@/lib/db");
const { Prisma } = await import("@/lib/generated/prisma/client");
const { parseFilter } = await import("@/lib/scim/filter");
const { registry } = await import("@/lib/scim/schema/registry");
const { filterToSql } = await import("@/lib/directory/filter-sql");
const { orderBySql } = await import("@/lib/directory/sort-sql");
const { directoryListSql } = await import("@/lib/directory/list-resources");

type Sql = InstanceType<typeof Prisma.Sql>;

async function seed(accountId: string, users: number) {
  const started = Date.now();
  await db.$executeRaw`
    INSERT INTO "DirectoryUser" ("accountId", "userName", "userNameKey", "externalId", active, attributes, "emailKeys", "createdAt", "updatedAt")
    SELECT ${accountId}::uuid, 'User' || i || '@Example.com', 'user' || i || '@example.com', 'ext-' || i, i % 10 <> 0,
      jsonb_build_object(
        'userName', 'User' || i || '@Example.com', 'externalId', 'ext-' || i, 'active', i % 10 <> 0,
        'name', jsonb_build_object('givenName', 'Given' || (i % 1000), 'familyName', 'Family' || (i % 5000)),
        'emails', jsonb_build_array(
          jsonb_build_object('value', 'User' || i || '@Example.com', 'type', 'work', 'primary', true),
          jsonb_build_object('value', 'home' || i || '@mail.test', 'type', 'home')),
        ${ENTERPRISE}::text, jsonb_build_object('employeeNumber', i::text, 'department', 'Dept' || (i % 50))),
      ARRAY['user' || i || '@example.com', 'home' || i || '@mail.test'],
      now() - make_interval(secs => i), now() - make_interval(secs => i / 2)
    FROM generate_series(1, ${users}::int) AS i`;
  await db.$executeRaw`
    INSERT INTO "DirectoryGroup" ("accountId", "displayName", "displayNameKey", "externalId", attributes)
    SELECT ${accountId}::uuid, 'Group ' || g, 'group ' || g, 'gext-' || g, jsonb_build_object('displayName', 'Group ' || g)
    FROM generate_series(1, ${GROUPS}::int) AS g`;
  // Every user in one group (by number), every tenth in a second; groups 2..50 nested in group 1.
  await db.$executeRaw`
    INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberUserId")
    SELECT u."accountId", g.id, u.id FROM "DirectoryUser" u
    JOIN "DirectoryGroup" g ON g."accountId" = u."accountId" AND g."displayNameKey" = 'group ' || (1 + abs(hashtext(u."userNameKey")) % ${GROUPS}::int)
    WHERE u."accountId" = ${accountId}::uuid`;
  await db.$executeRaw`
    INSERT INTO "DirectoryMembership" ("accountId", "groupId", "memberGroupId")
    SELECT ${accountId}::uuid, parent.id, child.id FROM "DirectoryGroup" parent JOIN "DirectoryGroup" child ON child."accountId" = parent."accountId"
    WHERE parent."accountId" = ${accountId}::uuid AND parent."displayNameKey" = 'group 1' AND child."displayNameKey" IN (SELECT 'group ' || n FROM generate_series(2, 50) n)`;
  return Date.now() - started;
}

async function explain(title: string, query: Sql) {
  const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN (ANALYZE, COSTS OFF, BUFFERS OFF) ${query}`;
  console.log(`\n### ${title}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
}

/** The median wall time of `repeat` runs (ms), after one warm-up. */
async function time(query: Sql, repeat = 5): Promise<number> {
  await db.$queryRaw`${query}`;
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await db.$queryRaw`${query}`;
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeat / 2)] ?? NaN;
}

const main = await db.account.create({ data: { slug: `bench-${Date.now()}`, name: "Filter bench" } });
const noise = await db.account.create({ data: { slug: `bench-noise-${Date.now()}`, name: "Filter bench (other tenant)" } });
try {
  console.log(`seeding ${USERS} users and ${GROUPS} groups (plus ${USERS / 5} users in another account)...`);
  console.log(`seeded in ${await seed(main.id, USERS)} ms`);
  await seed(noise.id, USERS / 5);
  await db.$executeRawUnsafe(`ANALYZE "DirectoryUser"`);
  await db.$executeRawUnsafe(`ANALYZE "DirectoryGroup"`);
  await db.$executeRawUnsafe(`ANALYZE "DirectoryMembership"`);
  await db.$executeRawUnsafe(`VACUUM "DirectoryUser"`);

  const someUser = await db.directoryUser.findFirstOrThrow({ where: { accountId: main.id, userNameKey: "user4242@example.com" } });
  const someGroup = await db.directoryGroup.findFirstOrThrow({ where: { accountId: main.id, displayNameKey: "group 7" } });
  const nestedGroup = await db.directoryGroup.findFirstOrThrow({ where: { accountId: main.id, displayNameKey: "group 1" } });

  const USER_COLUMNS = Prisma.sql`r.id::text AS id, r."externalId", r."userName", r.active, r.attributes, r.version, r."createdAt", r."updatedAt"`;
  // Exactly the statements listDirectoryRows runs.
  const list = (type: "User" | "Group", filter: string | undefined, options: { sortBy?: string; startIndex?: number; count?: number } = {}) =>
    directoryListSql(main.id, type, {
      ...(filter !== undefined ? { filter: parseFilter(type, filter) } : {}),
      sortAttribute: options.sortBy !== undefined ? registry.resolve(type, options.sortBy) : undefined,
      sortOrder: "ascending",
      startIndex: options.startIndex ?? 1,
      count: options.count ?? 100,
    });
  const page = (type: "User" | "Group", filter: string | undefined, options: { sortBy?: string; startIndex?: number } = {}) => {
    const sql = list(type, filter, options).page;
    if (!sql) throw new Error("no page");
    return sql;
  };
  const userPage = (filter: string) => page("User", filter);
  const groupPage = (filter: string) => page("Group", filter);

  await explain('Okta: userName eq "USER4242@EXAMPLE.COM"', userPage('userName eq "USER4242@EXAMPLE.COM"'));
  await explain("Entra: externalId eq ext-4242 (unquoted)", userPage("externalId eq ext-4242"));
  await explain('Entra: emails[type eq "work"].value eq "user4242@example.com"', userPage('emails[type eq "work"].value eq "user4242@example.com"'));
  await explain('Entra/Okta: Groups displayName eq "GROUP 7"', groupPage('displayName eq "GROUP 7"'));
  await explain(`Groups: members[value eq "<user>"]`, groupPage(`members[value eq "${someUser.id}"]`));
  await explain(`Users: groups.value eq "<group 1>" (50 nested groups)`, userPage(`groups.value eq "${nestedGroup.id}"`));
  await explain('Users: name.givenName sw "Given42" (jsonb, no index: a scan of the account)', userPage('name.givenName sw "Given42"'));
  await explain("Users: page 501 of 100 in creation order (no filter)", page("User", undefined, { startIndex: 50_001 }));
  await explain("Users: page 501 of 100 sorted by userName", page("User", undefined, { sortBy: "userName", startIndex: 50_001 }));
  await explain("COUNT(*) of all users of the account", list("User", undefined).count);

  console.log("\n### Timings (ms, median of 5 wall times through Prisma)");
  for (const [label, filter] of [["all users", undefined], ["filtered (jsonb)", 'name.familyName sw "Family1"']] as const) {
    const condition = filter === undefined ? Prisma.sql`TRUE` : filterToSql("User", parseFilter("User", filter), "r");
    const where = Prisma.sql`r."accountId" = ${main.id}::uuid AND ${condition}`;
    const order = orderBySql("User", undefined, "ascending", "r");
    const count = await time(Prisma.sql`SELECT count(*)::int FROM "DirectoryUser" r WHERE ${where}`);
    const plain = await time(Prisma.sql`SELECT ${USER_COLUMNS} FROM "DirectoryUser" r WHERE ${where} ${order} LIMIT 100 OFFSET 0`);
    const window = await time(Prisma.sql`SELECT ${USER_COLUMNS}, count(*) OVER () AS total FROM "DirectoryUser" r WHERE ${where} ${order} LIMIT 100 OFFSET 0`);
    const deep = await time(Prisma.sql`SELECT ${USER_COLUMNS} FROM "DirectoryUser" r WHERE ${where} ${order} LIMIT 100 OFFSET 50000`);
    // Sort and skip narrow rows (the sort key and id), then fetch the 100 wide rows: what list-resources.ts does.
    const deferred = (offset: number) =>
      Prisma.sql`SELECT ${USER_COLUMNS} FROM "DirectoryUser" r JOIN (SELECT r.id FROM "DirectoryUser" r WHERE ${where} ${order} LIMIT 100 OFFSET ${offset}) page ON page.id = r.id ${order}`;
    const narrow = await time(deferred(0));
    const narrowDeep = await time(deferred(50_000));
    console.log(
      `${label}: COUNT(*) ${count.toFixed(1)} + page ${plain.toFixed(1)} = ${(count + plain).toFixed(1)}; window count(*) OVER () ${window.toFixed(1)}; ` +
        `page at offset 50,000 ${deep.toFixed(1)}; deferred join: page ${narrow.toFixed(1)}, at offset 50,000 ${narrowDeep.toFixed(1)}`,
    );
  }
  const lookup = await time(userPage('userName eq "USER4242@EXAMPLE.COM"'), 50);
  const byEmail = await time(userPage('emails[type eq "work"].value eq "user4242@example.com"'), 50);
  const byExternalId = await time(userPage("externalId eq ext-4242"), 50);
  const groupLookup = await time(groupPage('displayName eq "GROUP 7"'), 50);
  const membersOf = await time(groupPage(`members[value eq "${someUser.id}"]`), 20);
  const inGroup = await time(userPage(`groups.value eq "${someGroup.id}"`), 5);
  console.log(`lookups: userName ${lookup.toFixed(2)}, externalId ${byExternalId.toFixed(2)}, emails ${byEmail.toFixed(2)}, group displayName ${groupLookup.toFixed(2)}, members[value eq] ${membersOf.toFixed(2)}, groups.value eq ${inGroup.toFixed(2)}`);
} finally {
  if (!values.keep) {
    await db.account.deleteMany({ where: { id: { in: [main.id, noise.id] } } });
  }
  await db.$disconnect();
  await database.stop();
}
