// The shape of the SQL filterToSql produces: values and attribute names only as parameters, the promoted
// columns and their indexes used for the IdPs' lookups. (What the SQL means is tested against PostgreSQL in
// filter-sql.int.test.ts and filter-sql.property.int.test.ts.)
import { describe, expect, it } from "vitest";
import { parseFilter } from "@/lib/scim/filter";
import { ENTERPRISE_USER_SCHEMA, registry } from "@/lib/scim/schema/registry";
import { filterToSql, memberFilterToSql } from "./filter-sql";
import { orderBySql } from "./sort-sql";

const user = (filter: string) => filterToSql("User", parseFilter("User", filter), "u");
const group = (filter: string) => filterToSql("Group", parseFilter("Group", filter), "g");

describe("filterToSql", () => {
  it("never puts a value or an attribute name into the SQL text", () => {
    const evil = `x'); DROP TABLE "DirectoryUser"; --`;
    for (const filter of [
      `userName eq ${JSON.stringify(evil)}`,
      `title co ${JSON.stringify(evil)}`,
      `name.givenName sw ${JSON.stringify(evil)}`,
      `emails[type eq ${JSON.stringify(evil)}]`,
      `${ENTERPRISE_USER_SCHEMA}:manager.value gt ${JSON.stringify(evil)}`,
      `schemas eq ${JSON.stringify(evil)}`,
      `externalId ne ${JSON.stringify(evil)}`,
    ]) {
      const sql = user(filter);
      expect(sql.sql).not.toMatch(/drop/i);
      expect(sql.values.some((v) => typeof v === "string" && v.toLowerCase().includes("drop table"))).toBe(true);
      expect(sql.sql).not.toMatch(/givenName|manager|enterprise|title/);
    }
  });

  it("looks userName up through the userNameKey index and rechecks it exactly", () => {
    const sql = user('userName eq "Bob@Example.com"');
    expect(sql.sql).toContain('"u"."userNameKey" = ANY(ARRAY[');
    expect(sql.values).toContain("bob@example.com");
    expect(sql.sql).not.toContain("COALESCE");
  });

  it("looks externalId up on its column, and emails through the GIN-indexed emailKeys", () => {
    expect(user("externalId eq 123abc").sql).toBe('("u"."externalId" IS NOT NULL AND "u"."externalId" = ?::text)');
    const emails = user('emails[type eq "work"].value eq "A@B.com"');
    expect(emails.sql).toContain('"u"."emailKeys" && ARRAY[');
    expect(emails.values).toContain("a@b.com");
  });

  it("compares id only with a canonical UUID, as uuid", () => {
    expect(user('id eq "4c46e4a1-5d4e-4b8b-8c4f-0d3a91c1f7a2"').sql).toBe('("u"."id" = ?::uuid)');
    expect(user('id eq "nope"').sql).toBe("FALSE");
    expect(user('id eq "4C46E4A1-5D4E-4B8B-8C4F-0D3A91C1F7A2"').sql).toBe("FALSE");
  });

  it("turns groups.value eq into one uncorrelated recursive query", () => {
    const sql = user('groups.value eq "4c46e4a1-5d4e-4b8b-8c4f-0d3a91c1f7a2"');
    expect(sql.sql).toMatch(/^\("u"\."id" IN \(WITH RECURSIVE/);
    expect(sql.sql).not.toContain('"u"."accountId"');
  });

  it("matches members through the membership table", () => {
    const sql = group('members[value eq "4c46e4a1-5d4e-4b8b-8c4f-0d3a91c1f7a2"]');
    expect(sql.sql).toContain('FROM "DirectoryMembership"');
    expect(sql.sql).toContain('"memberUserId" = ?::uuid');
    expect(memberFilterToSql(parseFilter("Group", 'members.type eq "Group"'), "m").sql).toContain('"m"."memberUserId" IS NOT NULL');
  });

  it("accepts only plain aliases", () => {
    for (const alias of ['u"; --', "_f1", "1u", ""]) expect(() => filterToSql("User", parseFilter("User", "title pr"), alias)).toThrow();
  });
});

describe("orderBySql", () => {
  it("sorts userName by its key column and always ends with the id", () => {
    const userName = registry.resolve("User", "userName");
    expect(orderBySql("User", userName, "ascending", "u").sql).toBe('ORDER BY "u"."userNameKey" ASC NULLS LAST, "u"."id"');
    expect(orderBySql("User", userName, "descending", "u").sql).toBe('ORDER BY "u"."userNameKey" DESC NULLS FIRST, "u"."id"');
    expect(orderBySql("Group", undefined, "ascending", "g").sql).toBe('ORDER BY "g"."createdAt", "g"."id"');
  });
});
