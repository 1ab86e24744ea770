import { describe, expect, it } from "vitest";
import { ENTERPRISE_USER_SCHEMA } from "../schema/registry";
import { matchesFilter } from "./evaluate";
import { ENTRA_FILTERS, OKTA_FILTERS, RFC7644_EXAMPLES } from "./filters.fixtures";
import { parseFilter } from "./parser";
import { TEST_EXTENSION, testRegistry } from "./test-registry";

/** RFC 7643 §8.3's Barbara Jensen, in the stored shape plus id/meta. */
function bjensen(): Record<string, unknown> {
  return {
    id: "2819c223-7f76-453a-919d-413861904646",
    externalId: "701984",
    userName: "bjensen@example.com",
    name: { formatted: "Ms. Barbara J Jensen, III", familyName: "Jensen", givenName: "Barbara" },
    displayName: "Babs Jensen",
    nickName: "Babs",
    emails: [
      { value: "bjensen@example.com", type: "work", primary: true },
      { value: "babs@jensen.org", type: "home" },
    ],
    ims: [{ value: "someaimhandle", type: "aim" }],
    userType: "Employee",
    title: "Tour Guide",
    active: true,
    [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "701984", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d" } },
    meta: { resourceType: "User", created: "2010-01-23T04:56:22Z", lastModified: "2011-05-13T04:42:34Z" },
  };
}

function matches(text: string, resource: Record<string, unknown> = bjensen(), resourceType: "User" | "Group" = "User"): boolean {
  return matchesFilter(resource, parseFilter(resourceType, text, { registry: testRegistry }));
}

describe("matchesFilter: the RFC 7644 §3.4.2.2 examples against RFC 7643's Barbara Jensen", () => {
  const expected: Record<string, boolean> = {
    eq: false, // userName is bjensen@example.com, not "bjensen"
    "co on a sub-attribute": false,
    sw: false, // "J" is not a prefix of "bjensen@..."
    "URN-qualified core attribute": false,
    pr: true,
    "gt dateTime": false,
    "ge dateTime": true,
    "lt dateTime": false,
    "le dateTime": true,
    and: true,
    or: true,
    schemas: true,
    "grouping, complex attribute without sub-attribute": true,
    not: false,
    "redundant grouping": true,
    "value path": true,
    "two value paths": true,
  };
  it.each(RFC7644_EXAMPLES.map((f) => [f.name, f.filter] as const))("%s", (name, filter) => {
    expect(expected[name]).toBeDefined();
    expect(matches(filter)).toBe(expected[name]);
  });
});

describe("matchesFilter: semantics", () => {
  it("compares strings case-insensitively unless caseExact (RFC 7643 §2.2)", () => {
    expect(matches('userName eq "BJENSEN@EXAMPLE.COM"')).toBe(true);
    expect(matches('name.familyName eq "jensen"')).toBe(true);
    expect(matches('userName sw "BJ"')).toBe(true);
    expect(matches('userName ew "@Example.Com"')).toBe(true);
    expect(matches('displayName co "BS JEN"')).toBe(true);
    // id and externalId are caseExact.
    expect(matches('id eq "2819C223-7F76-453A-919D-413861904646"')).toBe(false);
    expect(matches('id eq "2819c223-7f76-453a-919d-413861904646"')).toBe(true);
    const withCode = { ...bjensen(), [TEST_EXTENSION]: { code: "AbC" } };
    expect(matches(`${TEST_EXTENSION}:code eq "abc"`, withCode)).toBe(false);
    expect(matches(`${TEST_EXTENSION}:code eq "AbC"`, withCode)).toBe(true);
    expect(matches(`${TEST_EXTENSION}:code co "b"`, withCode)).toBe(true);
    expect(matches(`${TEST_EXTENSION}:code co "B"`, withCode)).toBe(false);
  });

  it("matches a multi-valued attribute when any value matches", () => {
    expect(matches('emails.value eq "babs@jensen.org"')).toBe(true);
    expect(matches('emails.type eq "home"')).toBe(true);
    expect(matches('emails.type eq "other"')).toBe(false);
    // Without a value path, the two conditions may hold on different values...
    expect(matches('emails.type eq "home" and emails.primary eq true')).toBe(true);
    // ...with one, on the same value.
    expect(matches('emails[type eq "home" and primary eq true]')).toBe(false);
    expect(matches('emails[type eq "work" and primary eq true]')).toBe(true);
    expect(matches('emails[type eq "work"].value eq "bjensen@example.com"')).toBe(true);
    expect(matches('emails[type eq "home"].value eq "bjensen@example.com"')).toBe(false);
  });

  it("treats ne as not eq, so a missing attribute matches ne", () => {
    expect(matches('userType ne "Intern"')).toBe(true);
    expect(matches('userType ne "employee"')).toBe(false);
    expect(matches('preferredLanguage ne "en"')).toBe(true);
    // Multi-valued: no value equals the operand.
    expect(matches('emails.value ne "babs@jensen.org"')).toBe(false);
    expect(matches('emails.value ne "nobody@example.com"')).toBe(true);
    expect(matches('emails[type ne "work"]')).toBe(true);
    expect(matches('emails[type ne "work" and type ne "home"]')).toBe(false);
  });

  it("implements pr as present and non-empty", () => {
    expect(matches("title pr")).toBe(true);
    expect(matches("nickName pr", { ...bjensen(), nickName: "" })).toBe(false);
    expect(matches("nickName pr", { ...bjensen(), nickName: null })).toBe(false);
    expect(matches("emails pr", { ...bjensen(), emails: [] })).toBe(false);
    expect(matches("name pr", { ...bjensen(), name: {} })).toBe(false);
    expect(matches("name pr", { ...bjensen(), name: { givenName: "" } })).toBe(false);
    expect(matches("name pr")).toBe(true);
    expect(matches("active pr", { ...bjensen(), active: false })).toBe(true);
    expect(matches("title eq null")).toBe(false);
    expect(matches("profileUrl eq null")).toBe(true);
  });

  it("compares dateTime values as instants", () => {
    expect(matches('meta.lastModified eq "2011-05-13T06:42:34+02:00"')).toBe(true);
    expect(matches('meta.lastModified gt "2011-05-13T04:42:33.999Z"')).toBe(true);
    expect(matches('meta.lastModified lt "2011-05-13T04:42:34.001Z"')).toBe(true);
    expect(matches('meta.created gt "2010-01-23T04:56:22Z"')).toBe(false);
    expect(matches('meta.created gt "2009-12-31T23:59:59-05:00"')).toBe(true);
  });

  it("compares numbers numerically and orders strings by code unit", () => {
    const r = { ...bjensen(), [TEST_EXTENSION]: { level: 10, score: 2.5, tags: ["alpha", "beta"] } };
    expect(matches(`${TEST_EXTENSION}:level gt 9`, r)).toBe(true);
    expect(matches(`${TEST_EXTENSION}:level gt 10`, r)).toBe(false);
    expect(matches(`${TEST_EXTENSION}:level ge 10`, r)).toBe(true);
    expect(matches(`${TEST_EXTENSION}:score lt 3`, r)).toBe(true);
    expect(matches(`${TEST_EXTENSION}:score le 2.4`, r)).toBe(false);
    expect(matches(`${TEST_EXTENSION}:tags eq "BETA"`, r)).toBe(true);
    expect(matches('userName gt "BJENSEN"')).toBe(true); // folded: "bjensen@..." > "bjensen"
    expect(matches('userName lt "a"')).toBe(false);
  });

  it("compares booleans only for equality", () => {
    expect(matches("active eq true")).toBe(true);
    expect(matches('active eq "False"')).toBe(false);
    expect(matches("active ne true")).toBe(false);
  });

  it("reads extension attributes under their URN", () => {
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "701984"`)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:manager.value sw "26118915"`)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:manager eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toBe(true);
    expect(matches(`${ENTERPRISE_USER_SCHEMA}:employeeNumber pr`, { userName: "x" })).toBe(false);
  });

  it("derives schemas when the stored shape has none", () => {
    expect(matches(`schemas eq "${ENTERPRISE_USER_SCHEMA}"`, { userName: "x" })).toBe(false);
    expect(matches(`schemas eq "urn:ietf:params:scim:schemas:core:2.0:User"`, { userName: "x" })).toBe(true);
    expect(matches(`schemas eq "${ENTERPRISE_USER_SCHEMA.toUpperCase()}"`)).toBe(true);
  });

  it("combines with not, and, or", () => {
    expect(matches('not (userName eq "x")')).toBe(true);
    expect(matches('not (title pr) or userType eq "Employee"')).toBe(true);
    expect(matches('not (title pr or userType eq "Employee")')).toBe(false);
  });

  it("matches group members by value", () => {
    const group = { displayName: "Tour Guides", members: [{ value: "a1", type: "User" }, { value: "b2" }] };
    expect(matches('members eq "b2"', group, "Group")).toBe(true);
    expect(matches('members[value eq "a1" and type eq "user"]', group, "Group")).toBe(true);
    expect(matches('members[value eq "b2" and type eq "User"]', group, "Group")).toBe(false);
  });
});

describe("matchesFilter: IdP lookups", () => {
  const stored: Record<string, Record<string, unknown>> = {
    User: {
      userName: "Test_User_ab6490ee@contoso.com",
      externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
      emails: [{ value: "user@contoso.com", type: "work", primary: true }],
    },
    Group: { displayName: "Engineering" },
  };
  it.each(ENTRA_FILTERS.map((f) => [f.name, f] as const))("Entra: %s runs without error", (_name, fixture) => {
    expect(typeof matchesFilter(stored[fixture.resourceType] ?? {}, parseFilter(fixture.resourceType, fixture.filter))).toBe("boolean");
  });

  it("finds the user Entra looks for", () => {
    const user = stored.User ?? {};
    expect(matchesFilter(user, parseFilter("User", "externalId eq 0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"))).toBe(true);
    expect(matchesFilter(user, parseFilter("User", 'emails[type eq "work"].value eq "USER@contoso.com"'))).toBe(true);
    expect(matchesFilter(user, parseFilter("User", 'emails[type eq "home"].value eq "user@contoso.com"'))).toBe(false);
  });

  it.each(OKTA_FILTERS.map((f) => [f.name, f] as const))("Okta: %s", (_name, fixture) => {
    const resource = fixture.resourceType === "User" ? { userName: "test.user@okta.local" } : { displayName: "Engineering" };
    expect(matchesFilter(resource, parseFilter(fixture.resourceType, fixture.filter))).toBe(true);
  });
});
