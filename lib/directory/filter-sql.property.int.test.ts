// The proof that the SQL seam agrees with the RFC semantics: on a fixed random population stored in PostgreSQL,
// random filters select through filterToSql exactly the resources for which the in-memory evaluator
// (lib/scim/filter/evaluate.ts, the reference) says true, and no row ever evaluates to NULL.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { matchesFilter, matchesValueFilter, normaliseDateTime, parseFilter, parseValueFilter, valuesOf, type FilterTarget } from "@/lib/scim/filter";
import { TEST_EXTENSION, testRegistry } from "@/lib/scim/filter/test-registry";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "@/lib/scim/schema/registry";
import { createAccount } from "@/lib/testing/fixtures";
import { memberFilterToSql } from "./filter-sql";
import {
  BASE_URL,
  evaluateOnRows,
  groupsOfUsers,
  insertGroups,
  insertMemberships,
  insertUsers,
  matchedIds,
  membersOfGroups,
  targetOf,
  type InsertedGroup,
  type InsertedUser,
  type Membership,
  type MemberRef,
} from "./filter-sql.fixtures";

const ENT = ENTERPRISE_USER_SCHEMA;
const TEST = TEST_EXTENSION;
const OPTIONS = { baseUrl: BASE_URL, registry: testRegistry };
const RUNS = Number(process.env.FILTER_SQL_RUNS || 300);

// Characters chosen for trouble: LIKE wildcards and escapes, quotes, case pairs whose lower case is special
// (İ, ẞ, Kelvin sign, final sigma, titlecase ǅ), astral letters with case (Deseret) and combining marks.
// Not here, see the notes in filter-sql.ts: U+E000-U+FFFF (ordering) and letters new in Unicode 17 (filter-sql.int.test.ts).
const CHARS = ["a", "A", "b", "B", "z", "%", "_", "\\", "'", '"', " ", "@", ".", "-", "0", "1", "é", "É", "ß", "ẞ", "İ", "ı", "i", "I", "Σ", "σ", "ς", "\u212A", "ǅ", "😀", "𐐀", "𐐨", "日", "\u0301"];
const WORDS = ["alice", "Alice", "ALICE", "bob", "Bob.Smith", "100%", "a_b", "x\\y", "ΣΑΣ", "σας", "straße", "STRASSE", "İstanbul", "istanbul", "work", "home", "", " padded "];

const chars = fc.array(fc.constantFrom(...CHARS), { maxLength: 6 }).map((a) => a.join(""));
const text = fc.oneof(fc.constantFrom(...WORDS), chars, fc.tuple(fc.constantFrom(...WORDS), chars).map(([w, c]) => w + c));

const instant = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true });
const dateText = fc.oneof(
  instant.map((d) => d.toISOString()),
  instant.map((d) => d.toISOString().replace(".", "").replace("Z", "")), // no fraction... and no zone
  instant.map((d) => d.toISOString().replace("Z", "123456+05:30")),
  instant.map((d) => d.toISOString().slice(0, 19)),
  fc.constantFrom("2021-02-30T00:00:00Z", "2021-01-01T24:00:00Z", "not a date", "0000-01-01T00:00:00Z", "2021-01-01", "9999-12-31T23:59:59-14:00", "2020-02-29T23:59:59.9999999+14:59", "10000-01-01T00:00:00Z"),
);

const email = fc.record(
  { value: text, type: fc.constantFrom("work", "home", "Work", "other"), primary: fc.boolean(), display: text },
  { requiredKeys: ["value"] },
);

const userArb = fc.record(
  {
    userName: text,
    externalId: text,
    active: fc.boolean(),
    displayName: text,
    nickName: text,
    title: text,
    userType: fc.constantFrom("Employee", "employee", "Intern", "Contractor", ""),
    name: fc.record({ givenName: text, familyName: text, formatted: text }, { requiredKeys: [] }),
    emails: fc.array(email, { minLength: 1, maxLength: 3 }),
    phoneNumbers: fc.array(fc.record({ value: text, type: fc.constantFrom("work", "mobile") }, { requiredKeys: ["value"] }), { minLength: 1, maxLength: 2 }),
    [ENT]: fc.record(
      { employeeNumber: text, department: text, manager: fc.record({ value: text, displayName: text }, { requiredKeys: [] }) },
      { requiredKeys: [] },
    ),
    [TEST]: fc.record(
      {
        level: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constant("12")),
        score: fc.oneof(fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0.1, 0.30000000000000004, 1e21, 2.5, 1e-7)),
        code: text,
        tags: fc.array(text, { minLength: 1, maxLength: 3 }),
        since: fc.oneof(dateText, fc.constant(5)),
        badge: fc.constantFrom("QUJD", "YWJj", "QQ=="),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ["userName"] },
);

/** What the writers store: no empty objects (they mean "unassigned"), at most one primary email. */
function dropEmpty(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const inner = dropEmpty(value as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else {
      out[key] = value;
    }
  }
  return out;
}

function normalise(raw: Record<string, unknown>, i: number): Record<string, unknown> {
  const out = dropEmpty(raw);
  // userName: unique (case-insensitively, trimmed) and not blank, with random text on both sides.
  out.userName = `${String(raw.userName)}#${i}#${typeof raw.nickName === "string" ? raw.nickName : ""}`;
  if (Array.isArray(out.emails)) {
    let primary = false;
    out.emails = (out.emails as Record<string, unknown>[]).map((e) => {
      if (e.primary !== true) return e;
      if (primary) return { ...e, primary: false };
      primary = true;
      return e;
    });
  }
  return out;
}

interface Population {
  accountId: string;
  otherAccountId: string;
  users: InsertedUser[];
  groups: InsertedGroup[];
  memberships: Membership[];
  userTargets: { id: string; target: FilterTarget }[];
  groupTargets: { id: string; target: FilterTarget }[];
  members: Map<string, MemberRef[]>;
}

let population: Population;

beforeAll(async () => {
  const account = await createAccount();
  const other = await createAccount();
  const raws = fc.sample(userArb, { seed: 20261204, numRuns: 200 });
  const dates = fc.sample(fc.tuple(instant, instant, fc.integer({ min: 1, max: 12 })), { seed: 7, numRuns: 200 });
  const seeds = raws.map((raw, i) => {
    const [a, b, version] = dates[i] ?? [new Date(), new Date(), 1];
    return { attributes: normalise(raw, i), createdAt: a < b ? a : b, updatedAt: a < b ? b : a, version };
  });
  const users = await insertUsers(account.id, seeds);
  // The same people in another account: they must never show up.
  await insertUsers(other.id, seeds.slice(0, 50));

  const groupNames = fc.sample(text, { seed: 11, numRuns: 14 });
  const groups = await insertGroups(
    account.id,
    groupNames.map((name, i) => ({
      attributes: { displayName: `${name}/${i}`, ...(i % 3 === 0 ? { externalId: `${name}${i}` } : {}) },
      createdAt: new Date(Date.UTC(2020, 0, 1 + i)),
      updatedAt: new Date(Date.UTC(2021, 0, 1 + i)),
      version: 1 + (i % 4),
    })),
  );
  const g = (i: number) => groups[i % groups.length]?.id ?? "";
  const memberships: Membership[] = [];
  const seen = new Set<string>();
  const add = (m: Membership) => {
    const key = `${m.groupId}/${m.memberUserId ?? m.memberGroupId ?? ""}`;
    if (!seen.has(key) && m.groupId !== m.memberGroupId) {
      seen.add(key);
      memberships.push(m);
    }
  };
  users.forEach((user, i) => {
    if (i % 3 !== 2) add({ groupId: g(i), memberUserId: user.id });
    if (i % 7 === 0) add({ groupId: g(i * 5 + 1), memberUserId: user.id });
  });
  // Nesting, with a cycle: 0 in 1, 1 in 2, 2 in 0; 3 in 0; 4 in 3; 13 in 5.
  for (const [member, container] of [[0, 1], [1, 2], [2, 0], [3, 0], [4, 3], [13, 5]] as const) add({ groupId: g(container), memberGroupId: g(member) });
  await insertMemberships(account.id, memberships);

  const userGroups = groupsOfUsers(groups, memberships);
  const members = membersOfGroups(users, groups, memberships);
  population = {
    accountId: account.id,
    otherAccountId: other.id,
    users,
    groups,
    memberships,
    userTargets: users.map((u) => ({ id: u.id, target: targetOf("User", u, userGroups.get(u.id)) })),
    groupTargets: groups.map((row) => ({ id: row.id, target: targetOf("Group", row, members.get(row.id)) })),
    members,
  };
}, 120_000);

// ---------------------------------------------------------------------------------------------------------------
// Filter texts.

const STRING_OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"] as const;
const ORDER_OPS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
const SPECIAL = ["", "%", "_", "\\", "\u0000", "a\u0000", "%_\\", "'", '"'];

type Kind = "string" | "binary" | "boolean" | "integer" | "decimal" | "dateTime";

function anyCase(name: string): fc.Arbitrary<string> {
  return fc.constantFrom(name, name.toUpperCase(), name.toLowerCase());
}

/** Values of one attribute across the population (for operands that match something). */
function poolOf(type: "User" | "Group", name: string): unknown[] {
  // `emails eq "x"` compares emails.value.
  const path = name === "emails" || name === "members" ? `${name}.value` : name;
  const node = parseFilter(type, `${path} pr`, { registry: testRegistry });
  if (node.kind !== "present") return [];
  const targets = type === "User" ? population.userTargets : population.groupTargets;
  // Distinct values, so that rare ones (an extension URN in `schemas`) are picked as often as common ones.
  return [...new Set(targets.flatMap(({ target }) => valuesOf(target, node.attr)))];
}

function stringOperand(pool: string[]): fc.Arbitrary<string> {
  const codePoints = (s: string) => [...s];
  const fromPool = pool.length ? fc.constantFrom(...pool) : fc.constant("");
  return fc.oneof(
    { weight: 3, arbitrary: fromPool },
    { weight: 2, arbitrary: fc.tuple(fromPool, fc.constantFrom("upper", "lower")).map(([s, how]) => (how === "upper" ? s.toUpperCase() : s.toLowerCase())) },
    {
      weight: 3,
      arbitrary: fc.tuple(fromPool, fc.nat(8), fc.nat(8), fc.boolean()).map(([s, i, j, upper]) => {
        const part = codePoints(s).slice(Math.min(i, j), Math.max(i, j)).join("");
        return upper ? part.toUpperCase() : part;
      }),
    },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: fc.constantFrom(...SPECIAL) },
  );
}

function compare(type: "User" | "Group", name: string, kind: Kind): fc.Arbitrary<string> {
  const pool = poolOf(type, name);
  const attribute = anyCase(name);
  switch (kind) {
    case "string":
    case "binary": {
      const ops = kind === "binary" ? (["eq", "ne", "co", "sw", "ew"] as const) : STRING_OPS;
      return fc
        .tuple(attribute, fc.constantFrom(...ops), stringOperand(pool.map(String)))
        .map(([attr, op, value]) => `${attr} ${op} ${JSON.stringify(value)}`);
    }
    case "boolean":
      return fc.tuple(attribute, fc.constantFrom("eq", "ne"), fc.constantFrom("true", "false", '"False"')).map(([attr, op, v]) => `${attr} ${op} ${v}`);
    case "integer":
    case "decimal": {
      const numbers = pool.filter((v): v is number => typeof v === "number");
      const extra = kind === "integer" ? fc.integer({ min: -6, max: 21 }) : fc.oneof(fc.integer({ min: -6, max: 21 }), fc.constantFrom(0.1, 0.3, 0.30000000000000004, 1e21, 2.5, -1e-7));
      const operand = fc.oneof(numbers.length ? fc.constantFrom(...numbers) : fc.constant(0), extra);
      return fc.tuple(attribute, fc.constantFrom(...ORDER_OPS), operand).map(([attr, op, v]) => `${attr} ${op} ${JSON.stringify(v)}`);
    }
    case "dateTime": {
      const stamps = pool.filter((v): v is string => typeof v === "string" && normaliseDateTime(v) !== undefined);
      const operand = fc.oneof(
        { weight: 4, arbitrary: stamps.length ? fc.constantFrom(...stamps) : fc.constant("2020-01-01T00:00:00Z") },
        { weight: 1, arbitrary: instant.map((d) => d.toISOString()) },
        { weight: 1, arbitrary: instant.map((d) => d.toISOString().replace("Z", "-08:00")) },
      );
      return fc.tuple(attribute, fc.constantFrom(...ORDER_OPS), operand).map(([attr, op, v]) => `${attr} ${op} ${JSON.stringify(v)}`);
    }
  }
}

function present(names: string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...names).chain((name) => anyCase(name).map((n) => `${n} pr`));
}

function combine(leaf: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const { filter } = fc.letrec<{ filter: string }>((tie) => ({
    filter: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.tuple(tie("filter"), tie("filter")).map(([a, b]) => `(${a}) and (${b})`),
      fc.tuple(tie("filter"), tie("filter")).map(([a, b]) => `(${a}) or (${b})`),
      tie("filter").map((a) => `not (${a})`),
    ),
  }));
  return filter;
}

function valuePath(attribute: string, inner: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(anyCase(attribute), combine(inner)).map(([attr, f]) => `${attr}[${f}]`);
}

/** Sub-attribute leaves for a value path: `type eq "work"` where the pool comes from `parent.sub`. */
function sub(type: "User" | "Group", parent: string, name: string, kind: Kind): fc.Arbitrary<string> {
  const prefix = `${parent}.`;
  return compare(type, `${parent}.${name}`, kind).map((leaf) => leaf.slice(leaf.toLowerCase().indexOf(prefix.toLowerCase()) + prefix.length));
}

function userFilter(): fc.Arbitrary<string> {
  const strings = [
    "userName", "externalId", "displayName", "nickName", "title", "userType", "name.givenName", "name.familyName", "name.formatted",
    "emails.value", "emails.type", "emails.display", "emails", "phoneNumbers.value", "phoneNumbers.type",
    `${ENT}:employeeNumber`, `${ENT}:department`, `${ENT}:manager.value`, `${ENT}:manager.displayName`, `${TEST}:code`, `${TEST}:tags`,
    "groups.value", "groups.display", "groups.type", "groups.$ref", "id", "meta.version", "meta.location", "meta.resourceType", "schemas",
  ];
  const leaves = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...strings).chain((name) => compare("User", name, "string")) },
    { weight: 1, arbitrary: compare("User", `${TEST}:badge`, "binary") },
    { weight: 1, arbitrary: fc.constantFrom("active", "emails.primary").chain((name) => compare("User", name, "boolean")) },
    { weight: 1, arbitrary: compare("User", `${TEST}:level`, "integer") },
    { weight: 1, arbitrary: compare("User", `${TEST}:score`, "decimal") },
    { weight: 3, arbitrary: fc.constantFrom("meta.created", "meta.lastModified", `${TEST}:since`, `${TEST}:since`).chain((name) => compare("User", name, "dateTime")) },
    {
      weight: 2,
      arbitrary: present([
        "userName", "externalId", "title", "nickName", "name", "name.givenName", "emails", "emails.display", "emails.type", "phoneNumbers", "groups", "groups.display",
        "meta", "active", "addresses", `${ENT}:manager`, `${ENT}:manager.value`, `${ENT}:employeeNumber`, `${TEST}:since`, `${TEST}:level`, `${TEST}:tags`, "schemas",
      ]),
    },
    {
      weight: 3,
      arbitrary: fc.oneof(
        valuePath("emails", fc.oneof(sub("User", "emails", "value", "string"), sub("User", "emails", "type", "string"), sub("User", "emails", "primary", "boolean"), fc.constant("display pr"))),
        valuePath("phoneNumbers", fc.oneof(sub("User", "phoneNumbers", "value", "string"), sub("User", "phoneNumbers", "type", "string"))),
        valuePath("groups", fc.oneof(sub("User", "groups", "value", "string"), sub("User", "groups", "type", "string"), sub("User", "groups", "display", "string"))),
        valuePath("name", fc.oneof(sub("User", "name", "givenName", "string"), sub("User", "name", "familyName", "string"))),
        valuePath(`${ENT}:manager`, fc.oneof(sub("User", `${ENT}:manager`, "value", "string"), fc.constant("displayName pr"))),
        valuePath("meta", fc.oneof(sub("User", "meta", "created", "dateTime"), sub("User", "meta", "version", "string"))),
        // Entra's form: emails[type eq "work"].value eq "x".
        fc.tuple(sub("User", "emails", "type", "string"), stringOperand(poolOf("User", "emails.value").map(String))).map(([inner, v]) => `emails[${inner}].value eq ${JSON.stringify(v)}`),
      ),
    },
  );
  return combine(leaves);
}

function groupFilter(): fc.Arbitrary<string> {
  const leaves = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom("displayName", "externalId", "id", "members.value", "members.display", "members.type", "members.$ref", "members", "meta.version", "meta.location", "schemas").chain((name) => compare("Group", name, "string")) },
    { weight: 1, arbitrary: fc.constantFrom("meta.created", "meta.lastModified").chain((name) => compare("Group", name, "dateTime")) },
    { weight: 1, arbitrary: present(["displayName", "externalId", "members", "members.display", "meta"]) },
    {
      weight: 2,
      arbitrary: valuePath("members", fc.oneof(sub("Group", "members", "value", "string"), sub("Group", "members", "type", "string"), sub("Group", "members", "display", "string"), sub("Group", "members", "$ref", "string"))),
    },
  );
  return combine(leaves);
}

function memberFilter(): fc.Arbitrary<string> {
  return combine(fc.oneof(sub("Group", "members", "value", "string"), sub("Group", "members", "type", "string"), sub("Group", "members", "display", "string"), sub("Group", "members", "$ref", "string"), fc.constant("display pr")));
}

const ROOMY = { registry: testRegistry, maxLength: 100_000, maxDepth: 200, maxComparisons: 10_000 };

describe("filterToSql agrees with matchesFilter (property)", () => {
  it("Users: random filters over a random population of 200 users", async () => {
    const { accountId, userTargets } = population;
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(userFilter(), async (filter) => {
        const node = parseFilter("User", filter, ROOMY);
        const { ids, nulls } = matchedIds(await evaluateOnRows("User", accountId, node, OPTIONS));
        expect(nulls).toBe(0);
        const expected = userTargets.filter(({ target }) => matchesFilter(target, node)).map(({ id }) => id).sort();
        expect(ids).toEqual(expected);
        if (expected.length > 0 && expected.length < userTargets.length) selective++;
      }),
      { numRuns: RUNS },
    );
    // The filters are not trivially all-or-nothing.
    expect(selective).toBeGreaterThan(RUNS * 0.3);
  }, 120_000);

  it("Groups: random filters over groups with users and nested groups as members", async () => {
    const { accountId, groupTargets } = population;
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(groupFilter(), async (filter) => {
        const node = parseFilter("Group", filter, ROOMY);
        const { ids, nulls } = matchedIds(await evaluateOnRows("Group", accountId, node, OPTIONS));
        expect(nulls).toBe(0);
        const expected = groupTargets.filter(({ target }) => matchesFilter(target, node)).map(({ id }) => id).sort();
        expect(ids).toEqual(expected);
        if (expected.length > 0 && expected.length < groupTargets.length) selective++;
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
    expect(selective).toBeGreaterThan((RUNS / 2) * 0.2);
  }, 120_000);

  it("memberFilterToSql: random members[...] filters select the memberships matchesValueFilter selects", async () => {
    const { accountId, members } = population;
    const membersAttribute = testRegistry.resolve("Group", "members");
    if (!membersAttribute) throw new Error("no members attribute");
    const elements = new Map<string, MemberRef>();
    for (const [groupId, refs] of members) for (const ref of refs) elements.set(`${groupId}/${ref.value}`, ref);
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(memberFilter(), async (filter) => {
        const node = parseValueFilter("Group", membersAttribute, filter, ROOMY);
        const rows = await db.$queryRaw<{ key: string; matches: boolean | null }[]>`
          SELECT m."groupId"::text || '/' || COALESCE(m."memberUserId", m."memberGroupId")::text AS key, (${memberFilterToSql(node, "m", OPTIONS)}) AS matches
          FROM "DirectoryMembership" m WHERE m."accountId" = ${accountId}::uuid`;
        expect(rows.filter((r) => r.matches === null)).toEqual([]);
        expect(rows).toHaveLength(elements.size);
        const actual = rows.filter((r) => r.matches).map((r) => r.key).sort();
        const expected = [...elements].filter(([, element]) => matchesValueFilter(element, node, 1)).map(([key]) => key).sort();
        expect(actual).toEqual(expected);
        if (expected.length > 0 && expected.length < elements.size) selective++;
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
    expect(selective).toBeGreaterThan((RUNS / 2) * 0.2);
  }, 120_000);

  it("never selects another account's rows", async () => {
    const values = await evaluateOnRows("User", population.otherAccountId, parseFilter("User", "userName pr"), OPTIONS);
    expect(values.size).toBe(50);
    const ours = new Set(population.users.map((u) => u.id));
    expect([...values.keys()].some((id) => ours.has(id))).toBe(false);
  });

  it("the population exercises the cases it is meant to", () => {
    const { userTargets } = population;
    const count = (filter: string) => userTargets.filter(({ target }) => matchesFilter(target, parseFilter("User", filter, { registry: testRegistry }))).length;
    expect(count("groups pr")).toBeGreaterThan(50);
    expect(count('groups.type eq "indirect"')).toBeGreaterThan(20);
    expect(count(`schemas eq "${ENT}"`)).toBeGreaterThan(50);
    expect(count(`schemas eq "${USER_SCHEMA}"`)).toBe(200);
    expect(count(`${TEST}:since pr`)).toBeGreaterThan(50);
    expect(count(`${TEST}:since gt "1900-01-01T00:00:00Z"`)).toBeGreaterThan(20);
    expect(count("not (active pr)")).toBeGreaterThan(20);
  });
});
