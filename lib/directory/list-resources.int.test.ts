// listDirectoryRows: totalResults, LIMIT/OFFSET paging that is stable across pages (ties broken by id), and the
// sort orders of RFC 7644 §3.4.2.3, on real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "@/lib/scim/filter";
import { TEST_EXTENSION, testRegistry } from "@/lib/scim/filter/test-registry";
import { parseListQuery } from "@/lib/scim/list-query";
import { createAccount } from "@/lib/testing/fixtures";
import { insertGroups, insertMemberships, insertUsers, type InsertedGroup, type InsertedUser } from "./filter-sql.fixtures";
import { listDirectoryRows, type DirectoryListQuery } from "./list-resources";

const TEST = TEST_EXTENSION;

// 23 users: family names with ties, case variants, "" and missing; createdAt with ties (three per day).
const FAMILY = ["b", "B", "a", "A", "c", undefined, "", "b", "Á", "ä", "Z", "z", "b", undefined, "a", "C", "B", "b", "", "d", "D", "a", "b"];
const LEVEL = [10, 9, 2, undefined, 100, -1, 9, 10, 0, 3, undefined, 7, 9, 10, 11, 12, 9, 8, 1, 2, 3, 4, 5];
const SINCE = ["2020-01-01T00:00:00Z", "2020-01-01T01:00:00+02:00", "2019-12-31T23:30:00Z", "garbage", undefined];

let accountId: string;
let users: InsertedUser[];
let groups: InsertedGroup[];

beforeAll(async () => {
  accountId = (await createAccount()).id;
  const other = await createAccount();
  users = await insertUsers(
    accountId,
    FAMILY.map((familyName, i) => {
      const emails = [
        { value: `second${(i * 7) % 23}@x.com`, type: "home" },
        { value: `primary${(i * 5) % 23}@x.com`, type: "work", primary: i % 4 !== 0 },
      ];
      return {
        attributes: {
          userName: `User${String(i).padStart(2, "0")}@Example.com`,
          ...(i % 5 !== 0 ? { externalId: i % 2 ? `x${i}` : `X${i}` } : {}),
          ...(familyName !== undefined ? { name: { familyName } } : {}),
          emails,
          [TEST]: { ...(LEVEL[i] !== undefined ? { level: LEVEL[i] } : {}), ...(SINCE[i % 5] !== undefined ? { since: SINCE[i % 5] } : {}) },
        },
        createdAt: new Date(Date.UTC(2024, 0, 1 + Math.floor(i / 3))),
        updatedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, 23 - i)),
      };
    }),
  );
  await insertUsers(other.id, [{ attributes: { userName: "someone@else.com" } }]);
  groups = await insertGroups(accountId, ["beta", "Alpha", "gamma", "Delta", "epsilon"].map((displayName, i) => ({ attributes: { displayName, ...(i % 2 ? { externalId: `g${i}` } : {}) } })));
  const g = (i: number) => groups[i]?.id ?? "";
  const u = (i: number) => users[i]?.id ?? "";
  await insertMemberships(accountId, [
    { groupId: g(0), memberUserId: u(3) },
    { groupId: g(0), memberUserId: u(1) },
    { groupId: g(1), memberGroupId: g(2) },
    { groupId: g(2), memberUserId: u(5) },
  ]);
});

function query(type: "User" | "Group", params: Record<string, string>, extra: Partial<DirectoryListQuery> = {}): DirectoryListQuery {
  const parsed = parseListQuery(type, new URLSearchParams(params), { registry: testRegistry });
  return {
    ...(parsed.filter !== undefined ? { filter: parseFilter(type, parsed.filter, { registry: testRegistry }) } : {}),
    sortAttribute: parsed.sortAttribute,
    sortOrder: parsed.sortOrder,
    startIndex: parsed.startIndex,
    count: parsed.count,
    ...extra,
  };
}

/** Every id, page by page. */
async function pageThrough(type: "User" | "Group", params: Record<string, string>, pageSize: number) {
  const ids: string[] = [];
  let total = -1;
  for (let start = 1; ; start += pageSize) {
    const page = await listDirectoryRows(accountId, type, query(type, { ...params, startIndex: String(start), count: String(pageSize) }));
    if (total === -1) total = page.totalResults;
    expect(page.totalResults).toBe(total);
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < pageSize) break;
  }
  return { ids, total };
}

type Key = string | number | null;

/** The expected order: key ascending (code point order), missing last; ties by id. Descending reverses the key only. */
function expectedOrder(rows: { id: string }[], key: (index: number) => Key, descending = false): string[] {
  // Missing values: last when ascending, first when descending.
  const byKey = (a: Key, b: Key): number => {
    if (a === b) return 0;
    if (a === null) return descending ? -1 : 1;
    if (b === null) return descending ? 1 : -1;
    return (a < b ? -1 : 1) * (descending ? -1 : 1);
  };
  return rows
    .map((row, i) => ({ id: row.id, key: key(i) }))
    .sort((x, y) => byKey(x.key, y.key) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    .map((entry) => entry.id);
}

const familyKey = (i: number): Key => {
  const f = FAMILY[i];
  return f === undefined || f === "" ? null : f.toLowerCase();
};

describe("paging", () => {
  it("pages of 5 sorted by name.familyName (ties, case, missing) concatenate to the full order, without repeats", async () => {
    const params = { sortBy: "name.familyName" };
    const { ids, total } = await pageThrough("User", params, 5);
    expect(total).toBe(23);
    expect(new Set(ids).size).toBe(23);
    expect(ids).toEqual(expectedOrder(users, familyKey));
    const whole = await listDirectoryRows(accountId, "User", query("User", { ...params, count: "1000" }));
    expect(whole.rows.map((r) => r.id)).toEqual(ids);
  });

  it("descending puts resources without a value first (RFC 7644 §3.4.2.3), ties still by id", async () => {
    const { ids } = await pageThrough("User", { sortBy: "name.familyName", sortOrder: "descending" }, 4);
    expect(ids).toEqual(expectedOrder(users, familyKey, true));
    expect(ids.slice(0, 4).every((id) => familyKey(users.findIndex((u) => u.id === id)) === null)).toBe(true);
  });

  it("without sortBy: creation order, ties by id, stable across pages", async () => {
    const { ids } = await pageThrough("User", {}, 7);
    const expected = [...users].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)).map((u) => u.id);
    expect(ids).toEqual(expected);
  });

  it("startIndex beyond the total: no rows, the total; count=0: no rows, the total; startIndex below 1 counts as 1", async () => {
    expect(await listDirectoryRows(accountId, "User", query("User", { startIndex: "24", count: "10" }))).toEqual({ totalResults: 23, rows: [] });
    expect(await listDirectoryRows(accountId, "User", query("User", { startIndex: "1000000", count: "10" }))).toEqual({ totalResults: 23, rows: [] });
    expect(await listDirectoryRows(accountId, "User", query("User", { count: "0" }))).toEqual({ totalResults: 23, rows: [] });
    const first = await listDirectoryRows(accountId, "User", query("User", { count: "3" }, { startIndex: -5 }));
    const one = await listDirectoryRows(accountId, "User", query("User", { count: "3", startIndex: "1" }));
    expect(first).toEqual(one);
    expect(first.rows).toHaveLength(3);
    const last = await listDirectoryRows(accountId, "User", query("User", { startIndex: "22", count: "10" }));
    expect(last.rows).toHaveLength(2);
  });

  it("totalResults counts the filtered rows of the account only", async () => {
    const page = await listDirectoryRows(accountId, "User", query("User", { filter: 'name.familyName eq "b"', count: "2" }));
    expect(page.totalResults).toBe(FAMILY.filter((f) => f?.toLowerCase() === "b").length);
    expect(page.rows).toHaveLength(2);
    expect((await listDirectoryRows(accountId, "User", query("User", { filter: 'userName eq "someone@else.com"' }))).totalResults).toBe(0);
  });

  it("returns the row columns", async () => {
    const page = await listDirectoryRows(accountId, "User", query("User", { filter: 'userName eq "user01@example.com"' }));
    const row = page.rows[0];
    expect(row).toMatchObject({ id: users[1]?.id, userName: "User01@Example.com", externalId: "x1", active: true, version: 1 });
    expect(row?.createdAt).toBeInstanceOf(Date);
    expect(row?.attributes).toMatchObject({ name: { familyName: "B" } });
    const group = await listDirectoryRows(accountId, "Group", query("Group", { filter: 'displayName eq "ALPHA"' }));
    expect(group.rows[0]).toMatchObject({ id: groups[1]?.id, displayName: "Alpha", externalId: "g1" });
  });

  it("rejects nothing odd: an account id that is not a UUID lists nothing", async () => {
    expect(await listDirectoryRows("not-an-account", "User", query("User", {}))).toEqual({ totalResults: 0, rows: [] });
  });
});

describe("sorting (RFC 7644 §3.4.2.3)", () => {
  it("userName, case-insensitively, ascending and descending", async () => {
    const byName = expectedOrder(users, (i) => `user${String(i).padStart(2, "0")}@example.com`);
    expect((await pageThrough("User", { sortBy: "userName" }, 10)).ids).toEqual(byName);
    expect((await pageThrough("User", { sortBy: "USERNAME", sortOrder: "descending" }, 10)).ids).toEqual([...byName].reverse());
  });

  it("a multi-valued attribute by its primary value, else its first", async () => {
    const key = (i: number): Key => (i % 4 !== 0 ? `primary${(i * 5) % 23}@x.com` : `second${(i * 7) % 23}@x.com`);
    expect((await pageThrough("User", { sortBy: "emails" }, 6)).ids).toEqual(expectedOrder(users, key));
    const typeKey = (i: number): Key => (i % 4 !== 0 ? "work" : "home");
    expect((await pageThrough("User", { sortBy: "emails.type" }, 6)).ids).toEqual(expectedOrder(users, typeKey));
  });

  it("caseExact externalId by code point (upper case first), missing last", async () => {
    const key = (i: number): Key => (i % 5 !== 0 ? (i % 2 ? `x${i}` : `X${i}`) : null);
    expect((await pageThrough("User", { sortBy: "externalId" }, 8)).ids).toEqual(expectedOrder(users, key));
  });

  it("integers numerically (10 after 9), dateTime as instants (invalid values as missing)", async () => {
    expect((await pageThrough("User", { sortBy: `${TEST}:level` }, 8)).ids).toEqual(expectedOrder(users, (i) => LEVEL[i] ?? null));
    const instant = (i: number): Key => {
      const text = SINCE[i % 5];
      const ms = text === undefined || text === "garbage" ? NaN : Date.parse(text);
      return Number.isNaN(ms) ? null : ms;
    };
    expect((await pageThrough("User", { sortBy: `${TEST}:since`, sortOrder: "descending" }, 8)).ids).toEqual(expectedOrder(users, instant, true));
  });

  it("meta.lastModified and meta.created", async () => {
    expect((await pageThrough("User", { sortBy: "meta.lastModified" }, 9)).ids).toEqual(expectedOrder(users, (i) => users[i]?.updatedAt.getTime() ?? null));
    expect((await pageThrough("User", { sortBy: "meta.created", sortOrder: "descending" }, 9)).ids).toEqual(expectedOrder(users, (i) => users[i]?.createdAt.getTime() ?? null, true));
  });

  it("Groups by displayName (case-insensitive), by externalId (missing last), by their first member", async () => {
    expect((await pageThrough("Group", { sortBy: "displayName" }, 2)).ids).toEqual(expectedOrder(groups, (i) => ["beta", "alpha", "gamma", "delta", "epsilon"][i] ?? null));
    expect((await pageThrough("Group", { sortBy: "externalId" }, 2)).ids).toEqual(expectedOrder(groups, (i) => (i % 2 ? `g${i}` : null)));
    const firstMember = (i: number): Key => {
      const members: Record<number, string[]> = { 0: [users[1]?.id ?? "", users[3]?.id ?? ""].sort(), 1: [groups[2]?.id ?? ""], 2: [users[5]?.id ?? ""] };
      return members[i]?.[0] ?? null;
    };
    expect((await pageThrough("Group", { sortBy: "members" }, 2)).ids).toEqual(expectedOrder(groups, firstMember));
  });
});
