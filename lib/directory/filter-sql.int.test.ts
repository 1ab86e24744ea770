// filterToSql / memberFilterToSql on hand-made rows in PostgreSQL: every operator on every kind of attribute,
// the RFC 7644 §3.4.2.2 examples, what Entra and Okta send, members and groups, bad stored values. Each
// expectation is checked against both the SQL translation and the in-memory evaluator (the reference).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ScimError } from "@/lib/scim/errors";
import { matchesFilter, matchesValueFilter, parseFilter, parseValueFilter, type FilterTarget } from "@/lib/scim/filter";
import { ENTRA_FILTERS, OKTA_FILTERS, RFC7644_EXAMPLES, RFC7644_OTHER } from "@/lib/scim/filter/filters.fixtures";
import { TEST_EXTENSION, testRegistry } from "@/lib/scim/filter/test-registry";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "@/lib/scim/schema/registry";
import { createAccount } from "@/lib/testing/fixtures";
import { filterToSql, memberFilterToSql } from "./filter-sql";
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
  type Membership,
} from "./filter-sql.fixtures";
import { listDirectoryRows } from "./list-resources";

const ENT = ENTERPRISE_USER_SCHEMA;
const TEST = TEST_EXTENSION;
const OPTIONS = { baseUrl: BASE_URL, registry: testRegistry };
const MANAGER = "26118915-6090-4610-87e4-49d8ca9f808d";

interface UserSpec {
  attributes: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  version?: number;
}

const USERS = {
  bjensen: {
    attributes: {
      userName: "bjensen@example.com",
      externalId: "123abc",
      active: true,
      name: { familyName: "Jensen", givenName: "Barbara", formatted: "Ms. Barbara J Jensen III" },
      displayName: "Babs Jensen",
      title: "Tour Guide",
      userType: "Employee",
      emails: [
        { value: "bjensen@example.com", type: "work", primary: true },
        { value: "babs@jensen.org", type: "home" },
      ],
      ims: [{ value: "someaimhandle", type: "aim" }],
      [ENT]: { employeeNumber: "701984", department: "Tour Operations", manager: { value: MANAGER, displayName: "John Smith" } },
      [TEST]: { level: 7, score: 2.5, code: "AbC", tags: ["red", "Blue"], since: "2011-05-13T04:42:34Z" },
    },
    createdAt: "2010-01-23T04:56:22.000Z",
    updatedAt: "2011-05-13T04:42:34.001Z",
    version: 3,
  },
  entra: {
    attributes: {
      userName: "Test_User_ab6490ee@contoso.com",
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      active: false,
      title: "",
      userType: "Intern",
      emails: [{ value: "Test_User@Contoso.com", type: "work", primary: true }],
    },
    createdAt: "2011-05-13T04:42:34.000Z",
    updatedAt: "2011-05-13T04:42:34.000Z",
  },
  okta: {
    attributes: {
      userName: "test.user@okta.local",
      externalId: "123456",
      name: { familyName: "O'Malley" },
      userType: "Contractor",
      emails: [
        { value: "test.user@okta.local", type: "work" },
        { value: "user@example.org", type: "other" },
      ],
      ims: [{ value: "x@foo.com", type: "xmpp" }],
      [ENT]: { employeeNumber: "9" },
      [TEST]: { level: 10, score: -1, code: "abc", tags: ["red"], since: "2011-05-13T06:42:34.000999+02:00" },
    },
    createdAt: "2012-01-01T00:00:00.000Z",
    updatedAt: "2020-06-01T12:00:00.000Z",
  },
  padded: {
    attributes: { userName: "  Padded@Example.COM ", externalId: "", emails: [{ value: " Spaced@Example.com ", type: "work" }] },
    createdAt: "2013-01-01T00:00:00.000Z",
    updatedAt: "2013-01-01T00:00:00.000Z",
  },
  weird: {
    // Values the writers would not store, to show that a bad value never raises and matches nothing it should not.
    attributes: {
      userName: "100%_off\\x@example.com",
      title: "%",
      displayName: "a_b",
      name: { givenName: "" },
      emails: { value: "lone@x.com" },
      [ENT]: { manager: { value: "" } },
      [TEST]: { since: "2021-02-30T00:00:00Z", level: "12", score: true, code: 5 },
    },
    createdAt: "2014-01-01T00:00:00.000Z",
    updatedAt: "2014-01-01T00:00:00.000Z",
  },
  unicode: {
    attributes: { userName: "İstanbul@x.com", displayName: "\uA7CE", nickName: "Σίσυφος", name: { givenName: "ΣΑΣ" }, locale: "😀" },
    createdAt: "2015-01-01T00:00:00.000Z",
    updatedAt: "2015-01-01T00:00:00.000Z",
  },
} satisfies Record<string, UserSpec>;
type UserName = keyof typeof USERS;
const GROUPS = ["Engineering", "Sales Team", "Everyone", "Empty"] as const;
type GroupName = (typeof GROUPS)[number];

let accountId: string;
let otherAccountId: string;
const ids = {} as Record<UserName | GroupName, string>;
const names = new Map<string, string>();
let userTargets: { id: string; target: FilterTarget }[];
let groupTargets: { id: string; target: FilterTarget }[];

beforeAll(async () => {
  const account = await createAccount();
  const other = await createAccount();
  accountId = account.id;
  otherAccountId = other.id;
  const entries = Object.entries(USERS) as [UserName, UserSpec][];
  const users = await insertUsers(
    accountId,
    entries.map(([, u]) => ({ attributes: u.attributes, createdAt: new Date(u.createdAt), updatedAt: new Date(u.updatedAt), version: u.version ?? 1 })),
  );
  users.forEach((row, i) => {
    const name = entries[i]?.[0];
    if (!name) return;
    ids[name] = row.id;
    names.set(row.id, name);
  });
  const groups = await insertGroups(
    accountId,
    GROUPS.map((displayName, i) => ({ attributes: { displayName, ...(i === 0 ? { externalId: "eng-1" } : {}) }, createdAt: new Date(Date.UTC(2020, 0, 1 + i)) })),
  );
  groups.forEach((row, i) => {
    const name = GROUPS[i] as GroupName;
    ids[name] = row.id;
    names.set(row.id, name);
  });
  // Engineering: bjensen, okta and Sales Team; Sales Team: entra and Everyone; Everyone: Engineering (a cycle).
  const memberships: Membership[] = [
    { groupId: ids.Engineering, memberUserId: ids.bjensen },
    { groupId: ids.Engineering, memberUserId: ids.okta },
    { groupId: ids.Engineering, memberGroupId: ids["Sales Team"] },
    { groupId: ids["Sales Team"], memberUserId: ids.entra },
    { groupId: ids["Sales Team"], memberGroupId: ids.Everyone },
    { groupId: ids.Everyone, memberGroupId: ids.Engineering },
  ];
  await insertMemberships(accountId, memberships);
  // The other account: the same people and group names, never to be seen.
  const otherUsers = await insertUsers(otherAccountId, [{ attributes: USERS.bjensen.attributes }, { attributes: USERS.okta.attributes }]);
  const otherGroups = await insertGroups(otherAccountId, [{ attributes: { displayName: "Engineering" } }]);
  await insertMemberships(otherAccountId, [{ groupId: otherGroups[0]?.id ?? "", memberUserId: otherUsers[0]?.id ?? "" }]);

  const userGroups = groupsOfUsers(groups, memberships);
  const members = membersOfGroups(users, groups, memberships);
  userTargets = users.map((u) => ({ id: u.id, target: targetOf("User", u, userGroups.get(u.id)) }));
  groupTargets = groups.map((g) => ({ id: g.id, target: targetOf("Group", g, members.get(g.id)) }));
});

const sorted = (list: string[]) => [...list].sort();

/** The names the SQL translation selects (checking that no row is NULL), and those the evaluator selects. */
async function select(type: "User" | "Group", filter: string, options = OPTIONS) {
  const node = parseFilter(type, filter, { registry: testRegistry });
  const { ids: selected, nulls } = matchedIds(await evaluateOnRows(type, accountId, node, options));
  expect(nulls, "no row may evaluate to NULL").toBe(0);
  const targets = type === "User" ? userTargets : groupTargets;
  return {
    sql: sorted(selected.map((id) => names.get(id) ?? id)),
    reference: sorted(targets.filter(({ target }) => matchesFilter(target, node)).map(({ id }) => names.get(id) ?? id)),
  };
}

async function expectUsers(filter: string, expected: UserName[]) {
  const { sql, reference } = await select("User", filter);
  expect(sql, filter).toEqual(sorted(expected));
  expect(reference, `evaluator: ${filter}`).toEqual(sorted(expected));
}

async function expectGroups(filter: string, expected: GroupName[]) {
  const { sql, reference } = await select("Group", filter);
  expect(sql, filter).toEqual(sorted(expected));
  expect(reference, `evaluator: ${filter}`).toEqual(sorted(expected));
}

const ALL: UserName[] = ["bjensen", "entra", "okta", "padded", "weird", "unicode"];
const except = (...out: UserName[]) => ALL.filter((n) => !out.includes(n));

describe("promoted columns", () => {
  it.each<[string, UserName[]]>([
    ['userName eq "bjensen@example.com"', ["bjensen"]],
    ['userName eq "BJENSEN@EXAMPLE.COM"', ["bjensen"]],
    ['userName eq "TEST.USER@OKTA.LOCAL"', ["okta"]],
    ['userName eq "  padded@example.com "', ["padded"]],
    ['userName eq "padded@example.com"', []],
    ['userName ne "bjensen@example.com"', except("bjensen")],
    ['userName co "%"', ["weird"]],
    ['userName co "_"', ["entra", "weird"]],
    ['userName co "\\\\"', ["weird"]],
    ['userName sw "TEST"', ["entra", "okta"]],
    ['userName sw "  PAD"', ["padded"]],
    ['userName sw "pad"', []],
    ['userName ew ".LOCAL"', ["okta"]],
    ['userName gt "t"', ["entra", "okta"]],
    ['userName ge "test.user@okta.local"', ["entra", "okta"]],
    ['userName lt "b"', ["padded", "weird"]],
    ['userName le "bjensen@example.com"', ["bjensen", "padded", "weird"]],
    ["userName pr", ALL],
  ])("userName: %s", async (filter, expected) => expectUsers(filter, expected));

  it.each<[string, UserName[]]>([
    ["externalId eq 123abc", ["bjensen"]],
    ['externalId eq "123ABC"', []],
    ["externalId eq 123456", ["okta"]],
    ["externalId eq 0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef", ["entra"]],
    ['externalId ne "123abc"', except("bjensen")],
    ['externalId co "abc"', ["bjensen"]],
    ['externalId sw "0A"', []],
    ['externalId gt "1"', ["bjensen", "okta"]],
    ["externalId pr", ["bjensen", "entra", "okta"]],
    ["not (externalId pr)", ["padded", "weird", "unicode"]],
    ['externalId eq ""', ["padded"]],
  ])("externalId: %s", async (filter, expected) => expectUsers(filter, expected));

  it("id: a canonical UUID matches; any other spelling is simply false", async () => {
    await expectUsers(`id eq "${ids.bjensen}"`, ["bjensen"]);
    await expectUsers(`id eq "${ids.bjensen.toUpperCase()}"`, []);
    await expectUsers(`id eq "{${ids.bjensen}}"`, []);
    await expectUsers('id eq "not-a-uuid"', []);
    await expectUsers('id ne "not-a-uuid"', ALL);
    await expectUsers(`id sw "${ids.okta.slice(0, 8)}"`, ["okta"]);
    await expectUsers("id pr", ALL);
  });

  it.each<[string, UserName[]]>([
    ["active eq true", ["bjensen"]],
    ['active eq "False"', ["entra"]],
    ["active ne true", except("bjensen")],
    ["active pr", ["bjensen", "entra"]],
    ["not (active eq true)", except("bjensen")],
  ])("active (as stored in the resource): %s", async (filter, expected) => expectUsers(filter, expected));

  it.each<[string, UserName[]]>([
    ['meta.created eq "2011-05-13T04:42:34Z"', ["entra"]],
    ['meta.created gt "2011-05-13T04:42:34Z"', ["okta", "padded", "weird", "unicode"]],
    ['meta.created ge "2011-05-13T04:42:34Z"', ["entra", "okta", "padded", "weird", "unicode"]],
    ['meta.created lt "2011-05-13T06:42:34+02:00"', ["bjensen"]],
    ['meta.created le "2011-05-13T04:42:34.000Z"', ["bjensen", "entra"]],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', except("entra")],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', ALL],
    ['meta.lastModified lt "2011-05-13T04:42:34.001Z"', ["entra"]],
    ['meta.lastModified le "2011-05-13T04:42:34"', ["entra"]],
    ['meta.lastModified ne "2011-05-13T04:42:34Z"', except("entra")],
    ['meta.resourceType eq "User"', ALL],
    ['meta.resourceType eq "user"', []],
    ['meta.version eq "W/\\"3\\""', ["bjensen"]],
    [`meta.location eq "${BASE_URL}/Users/__okta__"`, ["okta"]],
    ["meta pr", ALL],
  ])("meta: %s", async (filter, expected) => expectUsers(filter.replace("__okta__", ids.okta), expected));
});

describe("attributes stored in jsonb", () => {
  it.each<[string, UserName[]]>([
    ["title pr", ["bjensen", "weird"]],
    ['title eq ""', ["entra"]],
    ['title eq "tour guide"', ["bjensen"]],
    ['title co "%"', ["weird"]],
    ['displayName co "_"', ["weird"]],
    ['displayName sw "b"', ["bjensen"]],
    ['userType ne "Employee"', except("bjensen")],
    ['name.familyName co "O\'Malley"', ["okta"]],
    ['name.familyName eq "jensen"', ["bjensen"]],
    ['name.givenName eq ""', ["weird"]],
    ["name.givenName pr", ["bjensen", "unicode"]],
    ["name pr", ["bjensen", "okta", "unicode"]],
    ['name.formatted ew "iii"', ["bjensen"]],
    ['name.givenName gt "a"', ["bjensen", "unicode"]],
  ])("core simple and complex: %s", async (filter, expected) => expectUsers(filter, expected));

  it.each<[string, UserName[]]>([
    ['emails co "example.com"', ["bjensen", "padded"]],
    ['emails.value co "example.org"', ["okta"]],
    ['emails.value eq "BABS@jensen.org"', ["bjensen"]],
    ['emails.value eq " spaced@example.com "', ["padded"]],
    ['emails.value eq "spaced@example.com"', []],
    // A lone object where an array belongs counts as one element (emailKeys, computed by the writer from arrays
    // only, would not pre-select it for eq: the writers always store arrays).
    ['emails.value co "lone@x.com"', ["weird"]],
    ['emails.value ne "babs@jensen.org"', except("bjensen")],
    ['emails.type eq "work"', ["bjensen", "entra", "okta", "padded"]],
    ['emails[type eq "work" and value co "@example.com"]', ["bjensen", "padded"]],
    ['emails[type eq "home" and value co "@example.com"]', []],
    ['emails[type eq "work"].value eq "test_user@contoso.com"', ["entra"]],
    ['emails[type eq "work"].value eq "babs@jensen.org"', []],
    ['emails[type eq "home"].value eq "babs@jensen.org"', ["bjensen"]],
    ["emails[primary eq true]", ["bjensen", "entra"]],
    ["emails[not (primary eq true)]", ["bjensen", "okta", "padded", "weird"]],
    ["emails.primary eq true", ["bjensen", "entra"]],
    ["emails pr", ["bjensen", "entra", "okta", "padded", "weird"]],
    ['emails.value gt "u"', ["okta"]],
    ['ims[type eq "xmpp" and value co "@foo.com"]', ["okta"]],
  ])("multi-valued complex: %s", async (filter, expected) => expectUsers(filter, expected));

  it.each<[string, UserName[]]>([
    [`${ENT}:employeeNumber eq "701984"`, ["bjensen"]],
    ['employeeNumber gt "8"', ["okta"]],
    [`${ENT}:employeeNumber lt "8"`, ["bjensen"]],
    [`${ENT}:manager.value eq "${MANAGER}"`, ["bjensen"]],
    [`${ENT}:manager.displayName co "smith"`, ["bjensen"]],
    [`${ENT}:manager pr`, ["bjensen"]],
    [`${ENT}:manager.value pr`, ["bjensen"]],
    [`${ENT}:manager[value eq ""]`, ["weird"]],
    [`schemas eq "${ENT}"`, ["bjensen", "okta", "weird"]],
    [`schemas eq "${ENT.toUpperCase()}"`, ["bjensen", "okta", "weird"]],
    [`schemas eq "${USER_SCHEMA}"`, ALL],
    [`schemas eq "${TEST}"`, ["bjensen", "okta", "weird"]],
    [`schemas co "enterprise"`, ["bjensen", "okta", "weird"]],
    ["schemas pr", ALL],
  ])("extensions and schemas: %s", async (filter, expected) => expectUsers(filter, expected));

  it.each<[string, UserName[]]>([
    [`${TEST}:level gt 8`, ["okta"]],
    [`${TEST}:level ge 7`, ["bjensen", "okta"]],
    [`${TEST}:level eq 12`, []],
    [`${TEST}:level pr`, ["bjensen", "okta", "weird"]],
    [`${TEST}:score lt 0`, ["okta"]],
    [`${TEST}:score eq 2.5`, ["bjensen"]],
    [`${TEST}:score le 2.5`, ["bjensen", "okta"]],
    [`${TEST}:score ne 2.5`, except("bjensen")],
    [`${TEST}:since eq "2011-05-13T04:42:34Z"`, ["bjensen", "okta"]],
    [`${TEST}:since eq "2011-05-13T04:42:34.000999Z"`, ["bjensen", "okta"]],
    [`${TEST}:since gt "2000-01-01T00:00:00Z"`, ["bjensen", "okta"]],
    [`${TEST}:since lt "2100-01-01T00:00:00Z"`, ["bjensen", "okta"]],
    [`${TEST}:since pr`, ["bjensen", "okta", "weird"]],
    [`${TEST}:code eq "abc"`, ["okta"]],
    [`${TEST}:code eq "AbC"`, ["bjensen"]],
    [`${TEST}:code gt "a"`, ["okta"]],
    [`${TEST}:code eq "5"`, ["weird"]],
    [`${TEST}:tags eq "blue"`, ["bjensen"]],
    [`${TEST}:tags co "e"`, ["bjensen", "okta"]],
    [`${TEST}:tags ne "red"`, except("bjensen", "okta")],
  ])("integer, decimal, dateTime, caseExact, multi-valued simple (test extension): %s", async (filter, expected) => expectUsers(filter, expected));

  it.each<[string, UserName[]]>([
    ['userName eq "İSTANBUL@X.COM"', ["unicode"]],
    ['userName eq "istanbul@x.com"', []],
    ['nickName eq "ΣΊΣΥΦΟΣ"', ["unicode"]],
    ['nickName eq "σίσυφοσ"', []],
    ['name.givenName eq "σας"', ["unicode"]],
    ['name.givenName co "ς"', ["unicode"]],
    ['userName gt "\\u0000"', ALL],
    ['userName eq "bjensen@example.com\\u0000"', []],
    ['userName co "\\u0000"', []],
    ['userName ne "\\u0000"', ALL],
    ['userName le "bjensen@example.com\\u0000"', ["bjensen", "padded", "weird"]],
  ])("Unicode case folding and U+0000: %s", async (filter, expected) => expectUsers(filter, expected));
});

describe("known differences from the evaluator (documented in filter-sql.ts)", () => {
  it("orders by code point: U+FFFD sorts before U+1F600 in SQL, after it in UTF-16", async () => {
    const { sql, reference } = await select("User", 'locale gt "\uFFFD"');
    expect(sql).toEqual(["unicode"]);
    expect(reference).toEqual([]);
    // Everything else orders alike: an astral character against one below U+E000.
    await expectUsers('locale gt "\uD7FF"', ["unicode"]);
  });

  it("does not fold the 28 letters Unicode 17 added (PostgreSQL 18 has Unicode 16), but a value still matches itself", async () => {
    const { sql, reference } = await select("User", 'displayName eq "\uA7CF"');
    expect(sql).toEqual([]);
    expect(reference).toEqual(["unicode"]);
    await expectUsers('displayName eq "\uA7CE"', ["unicode"]);
  });
});

describe("logic", () => {
  it.each<[string, UserName[]]>([
    ['title pr and userType eq "Employee"', ["bjensen"]],
    ['title pr or userType eq "Intern"', ["bjensen", "entra", "weird"]],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ["bjensen"]],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', ["entra", "weird", "unicode"]],
    ['not (title pr) and not (userName sw "t")', ["padded", "unicode"]],
    ['not (not (title pr))', ["bjensen", "weird"]],
    ['(userName sw "b" or userName sw "t") and not (active eq false)', ["bjensen", "okta"]],
    ['userName sw "b" or userName sw "t" and active eq false', ["bjensen", "entra"]],
  ])("%s", async (filter, expected) => expectUsers(filter, expected));
});

describe("replayed fixtures agree with the evaluator", () => {
  it.each([...RFC7644_EXAMPLES, ...RFC7644_OTHER, ...ENTRA_FILTERS, ...OKTA_FILTERS].map((f) => [f.name, f] as const))("%s", async (_name, fixture) => {
    const { sql, reference } = await select(fixture.resourceType, fixture.filter);
    expect(sql).toEqual(reference);
  });

  it("Entra's and Okta's lookups go through listDirectoryRows, bounded by the account", async () => {
    const page = (type: "User" | "Group", filter: string) =>
      listDirectoryRows(accountId, type, { filter: parseFilter(type, filter), sortOrder: "ascending", startIndex: 1, count: 100 });
    const okta = await page("User", 'userName eq "TEST.USER@OKTA.LOCAL"');
    expect(okta.totalResults).toBe(1);
    expect(okta.rows.map((r) => r.id)).toEqual([ids.okta]);
    const connection = await page("User", 'userName eq "4c46e4a1-5d4e-4b8b-8c4f-0d3a91c1f7a2"');
    expect(connection).toEqual({ totalResults: 0, rows: [] });
    expect((await page("User", "externalId eq 123abc")).rows.map((r) => r.id)).toEqual([ids.bjensen]);
    expect((await page("User", 'emails[type eq "work"].value eq "TEST_USER@contoso.com"')).rows.map((r) => r.id)).toEqual([ids.entra]);
    const group = await page("Group", 'displayName eq "ENGINEERING"');
    expect(group.rows.map((r) => r.id)).toEqual([ids.Engineering]);
    // bjensen exists in both accounts; each account sees its own.
    const mine = await page("User", 'userName eq "bjensen@example.com"');
    const theirs = await listDirectoryRows(otherAccountId, "User", { filter: parseFilter("User", 'userName eq "bjensen@example.com"'), sortOrder: "ascending", startIndex: 1, count: 100 });
    expect(mine.rows.map((r) => r.id)).toEqual([ids.bjensen]);
    expect(theirs.totalResults).toBe(1);
    expect(theirs.rows[0]?.id).not.toBe(ids.bjensen);
    expect((await listDirectoryRows(otherAccountId, "Group", { sortOrder: "ascending", startIndex: 1, count: 100 })).totalResults).toBe(1);
  });
});

describe("members and groups", () => {
  it.each<[string, GroupName[]]>([
    ['displayName eq "engineering"', ["Engineering"]],
    ['displayName eq "Sales Team"', ["Sales Team"]],
    ['displayName co "e"', ["Engineering", "Sales Team", "Everyone", "Empty"]],
    ['displayName co "ee"', ["Engineering"]],
    ['externalId eq "eng-1"', ["Engineering"]],
    ["members pr", ["Engineering", "Sales Team", "Everyone"]],
    ["not (members pr)", ["Empty"]],
    ['members[type eq "Group"]', ["Engineering", "Sales Team", "Everyone"]],
    ['members[type eq "user"]', ["Engineering", "Sales Team"]],
    ['members.display co "JENSEN"', ["Engineering"]],
    ['members.display eq "test.user@okta.local"', ["Engineering"]],
    ['members[display eq "everyone" and type eq "Group"]', ["Sales Team"]],
    ['members.value eq "not-an-id"', []],
  ])("Groups: %s", async (filter, expected) => expectGroups(filter, expected));

  it("Groups: members by id, in every spelling the IdPs use", async () => {
    await expectGroups(`members[value eq "${ids.bjensen}"]`, ["Engineering"]);
    await expectGroups(`members.value eq "${ids.bjensen.toUpperCase()}"`, ["Engineering"]);
    await expectGroups(`members eq "${ids["Sales Team"]}"`, ["Engineering"]);
    await expectGroups(`members[value eq "${ids.entra}" or value eq "${ids.Engineering}"]`, ["Sales Team", "Everyone"]);
    await expectGroups(`members.$ref eq "${BASE_URL}/Users/${ids.okta}"`, ["Engineering"]);
    await expectGroups(`not (members.value eq "${ids.bjensen}")`, ["Sales Team", "Everyone", "Empty"]);
  });

  it("Users: groups, direct and through nested groups (with a cycle)", async () => {
    await expectUsers(`groups.value eq "${ids.Engineering}"`, ["bjensen", "okta", "entra"]);
    await expectUsers(`groups.value eq "${ids["Sales Team"]}"`, ["bjensen", "okta", "entra"]);
    await expectUsers(`groups[value eq "${ids["Sales Team"]}" and type eq "direct"]`, ["entra"]);
    await expectUsers(`groups[value eq "${ids.Engineering.toUpperCase()}"]`, ["bjensen", "okta", "entra"]);
    await expectUsers(`groups.value eq "${ids.Empty}"`, []);
    await expectUsers('groups[type eq "indirect"]', ["bjensen", "okta", "entra"]);
    await expectUsers('groups.display eq "everyone"', ["bjensen", "okta", "entra"]);
    await expectUsers(`groups.$ref ew "${ids.Everyone}"`, ["bjensen", "okta", "entra"]);
    await expectUsers("not (groups pr)", ["padded", "weird", "unicode"]);
    await expectUsers(`not (groups.value eq "${ids.Engineering}")`, ["padded", "weird", "unicode"]);
  });

  it("memberFilterToSql selects the memberships of a removeMatching filter", async () => {
    const members = testRegistry.resolve("Group", "members");
    if (!members) throw new Error("no members");
    const selected = async (filter: string) => {
      const node = parseValueFilter("Group", members, filter);
      const rows = await db.$queryRaw<{ member: string; matches: boolean | null }[]>`
        SELECT COALESCE(m."memberUserId", m."memberGroupId")::text AS member, (${memberFilterToSql(node, "m", { baseUrl: BASE_URL })}) AS matches
        FROM "DirectoryMembership" m WHERE m."accountId" = ${accountId}::uuid AND m."groupId" = ${ids.Engineering}::uuid`;
      expect(rows.every((r) => r.matches !== null)).toBe(true);
      const target = groupTargets.find((t) => t.id === ids.Engineering)?.target.members as object[];
      const reference = target.filter((element) => matchesValueFilter(element, node, 1)).map((e) => names.get((e as { value: string }).value));
      const sql = rows.filter((r) => r.matches).map((r) => names.get(r.member));
      expect(sorted(sql.map(String))).toEqual(sorted(reference.map(String)));
      return sorted(sql.map(String));
    };
    expect(await selected(`value eq "${ids.bjensen}"`)).toEqual(["bjensen"]);
    expect(await selected('type eq "Group"')).toEqual(["Sales Team"]);
    expect(await selected('display co "JENSEN" or display eq "sales team"')).toEqual(["Sales Team", "bjensen"]);
    expect(await selected('not (type eq "User") or value eq "nobody"')).toEqual(["Sales Team"]);
    expect(await selected("display pr")).toEqual(["Sales Team", "bjensen", "okta"]);
    expect(await selected(`$ref sw "${BASE_URL}/Users/"`)).toEqual(["bjensen", "okta"]);
  });
});

describe("errors instead of wrong answers", () => {
  it("rejects a value with an unpaired surrogate with 400 invalidFilter", () => {
    const node = parseFilter("User", 'userName eq "\\ud800x"');
    expect(() => filterToSql("User", node, "r")).toThrow(ScimError);
    try {
      filterToSql("User", node, "r");
    } catch (error) {
      expect((error as ScimError).scimType).toBe("invalidFilter");
    }
  });

  it("rejects meta.location and $ref without a base URL", () => {
    expect(() => filterToSql("User", parseFilter("User", 'meta.location sw "x"'), "r")).toThrow(ScimError);
    expect(() => filterToSql("Group", parseFilter("Group", 'members.$ref sw "x"'), "r")).toThrow(ScimError);
  });

  it("rejects a non-members attribute in memberFilterToSql", () => {
    expect(() => memberFilterToSql(parseFilter("Group", 'displayName eq "x"'), "m")).toThrow(ScimError);
  });
});
