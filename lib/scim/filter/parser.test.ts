import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from "../schema/registry";
import type { CompareNode, FilterNode, ValuePathNode } from "./ast";
import { ALL_FILTER_FIXTURES, ENTRA_FILTERS, OKTA_FILTERS, RFC7644_EXAMPLES } from "./filters.fixtures";
import { MAX_FILTER_COMPARISONS, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from "./limits";
import { parseFilter } from "./parser";
import { printFilter } from "./print";
import { TEST_EXTENSION, testRegistry } from "./test-registry";

function parseError(text: string, resourceType: "User" | "Group" = "User", registry = testRegistry): ScimError {
  try {
    parseFilter(resourceType, text, { registry });
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error(`expected ${text} to be rejected`);
}

function expectInvalid(text: string, detail: RegExp, resourceType: "User" | "Group" = "User"): void {
  const error = parseError(text, resourceType);
  expect(error.status).toBe(400);
  expect(error.scimType).toBe("invalidFilter");
  expect(error.message).toMatch(detail);
}

function compare(node: FilterNode): CompareNode {
  if (node.kind !== "compare") throw new Error(`expected a comparison, got ${node.kind}`);
  return node;
}

/** A compact structural rendering of the tree: and(...), or(...), not(...), path op value. */
function shape(node: FilterNode): string {
  switch (node.kind) {
    case "and":
    case "or":
      return `${node.kind}(${node.children.map(shape).join(", ")})`;
    case "not":
      return `not(${shape(node.child)})`;
    case "present":
      return `${node.attr.path.join(".")} pr`;
    case "compare":
      return `${node.attr.path.join(".")} ${node.op} ${JSON.stringify(node.value)}`;
    case "valuePath":
      return `${node.attr.path.join(".")}[${shape(node.filter)}]`;
  }
}

describe("parseFilter: RFC 7644 and IdP filters", () => {
  it.each(RFC7644_EXAMPLES.map((f) => [f.name, f] as const))("RFC 7644 §3.4.2.2 example: %s", (_name, fixture) => {
    const ast = parseFilter(fixture.resourceType, fixture.filter);
    expect(printFilter(ast)).toBe(fixture.canonical);
  });

  it.each([...ENTRA_FILTERS, ...OKTA_FILTERS].map((f) => [f.name, f] as const))("IdP filter: %s", (_name, fixture) => {
    const ast = parseFilter(fixture.resourceType, fixture.filter);
    expect(printFilter(ast)).toBe(fixture.canonical);
  });

  it.each(ALL_FILTER_FIXTURES.map((f) => [f.filter] as const))("canonical form re-parses to the same tree: %s", (text) => {
    const fixture = ALL_FILTER_FIXTURES.find((f) => f.filter === text);
    if (!fixture) throw new Error("fixture");
    const ast = parseFilter(fixture.resourceType, fixture.filter);
    expect(parseFilter(fixture.resourceType, printFilter(ast))).toEqual(ast);
  });
});

describe("parseFilter: structure", () => {
  it("gives and precedence over or", () => {
    expect(shape(parseFilter("User", 'title pr or userType eq "A" and nickName eq "B"'))).toBe(
      'or(title pr, and(userType eq "A", nickName eq "B"))',
    );
    expect(shape(parseFilter("User", 'title pr and userType eq "A" or nickName eq "B"'))).toBe(
      'or(and(title pr, userType eq "A"), nickName eq "B")',
    );
  });

  it("gives not precedence over and", () => {
    expect(shape(parseFilter("User", 'not (title pr) and userType eq "A"'))).toBe('and(not(title pr), userType eq "A")');
    // Without parentheses (accepted for interop), not still binds to the next expression only.
    expect(shape(parseFilter("User", 'not title pr and userType eq "A"'))).toBe('and(not(title pr), userType eq "A")');
  });

  it("lets parentheses override precedence", () => {
    expect(shape(parseFilter("User", '(title pr or userType eq "A") and nickName eq "B"'))).toBe(
      'and(or(title pr, userType eq "A"), nickName eq "B")',
    );
    expect(shape(parseFilter("User", 'not (title pr or userType eq "A")'))).toBe('not(or(title pr, userType eq "A"))');
  });

  it("flattens chains of the same operator", () => {
    const ast = parseFilter("User", 'title pr and (userType eq "A" and (nickName eq "B" and locale eq "C"))');
    expect(shape(ast)).toBe('and(title pr, userType eq "A", nickName eq "B", locale eq "C")');
  });

  it("accepts not( without a space (RFC 7644 erratum 7319) and keywords in any case", () => {
    expect(shape(parseFilter("User", 'NOT(title pr) AND userName EQ "x" Or nickName PR'))).toBe('or(and(not(title pr), userName eq "x"), nickName pr)');
  });

  it("accepts any whitespace between tokens", () => {
    expect(shape(parseFilter("User", '  userName\teq\n"x"   and\r\ntitle  pr '))).toBe('and(userName eq "x", title pr)');
  });

  it("resolves attribute names case-insensitively to canonical names (RFC 7643 §2.1)", () => {
    const node = compare(parseFilter("User", 'NAME.FAMILYNAME eq "x"'));
    expect(node.attr.path).toEqual(["name", "familyName"]);
    expect(node.attr.schema).toBe(USER_SCHEMA);
    expect(node.attr.extension).toBe(false);
  });

  it("resolves URN-qualified extension attributes, in any case", () => {
    const node = compare(parseFilter("User", `${ENTERPRISE_USER_SCHEMA.toUpperCase()}:EMPLOYEENUMBER eq "701984"`));
    expect(node.attr).toMatchObject({ path: ["employeeNumber"], schema: ENTERPRISE_USER_SCHEMA, extension: true, type: "string" });
    expect(printFilter(node)).toBe(`${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "701984"`);
  });

  it("resolves extension sub-attributes and unqualified extension attributes", () => {
    expect(compare(parseFilter("User", `${ENTERPRISE_USER_SCHEMA}:manager.value eq "26118915"`)).attr.path).toEqual(["manager", "value"]);
    // RFC 7644 §3.10 lets clients omit the URN when the name is unambiguous.
    expect(compare(parseFilter("User", 'employeeNumber eq "1"')).attr.schema).toBe(ENTERPRISE_USER_SCHEMA);
  });

  it("carries type, caseExact and multiValued on each leaf", () => {
    expect(compare(parseFilter("User", 'id eq "x"')).attr).toMatchObject({ type: "string", caseExact: true, multiValued: false });
    expect(compare(parseFilter("User", 'emails.value eq "x"')).attr).toMatchObject({ type: "string", caseExact: false, multiValued: true });
    expect(compare(parseFilter("User", "active eq true")).attr).toMatchObject({ type: "boolean", multiValued: false });
  });

  it("gives value-path leaves full paths under the value path's attribute", () => {
    const node = parseFilter("User", 'emails[TYPE eq "work" and Value co "@example.com"]') as ValuePathNode;
    expect(node.kind).toBe("valuePath");
    expect(node.attr.path).toEqual(["emails"]);
    expect(shape(node.filter)).toBe('and(emails.type eq "work", emails.value co "@example.com")');
  });

  it("turns Entra's value path with a trailing sub-attribute into one value path", () => {
    expect(shape(parseFilter("User", 'emails[type eq "work"].value eq "a@b.c"'))).toBe('emails[and(emails.type eq "work", emails.value eq "a@b.c")]');
    expect(shape(parseFilter("User", 'emails[type eq "work" or primary eq true].value pr'))).toBe(
      "emails[and(or(emails.type eq \"work\", emails.primary eq true), emails.value pr)]",
    );
  });

  it("compares a multi-valued complex attribute without sub-attribute through its value (RFC 7644 §3.4.2.2 example)", () => {
    expect(compare(parseFilter("Group", 'members eq "2819c223"')).attr.path).toEqual(["members", "value"]);
    expect(compare(parseFilter("User", 'emails co "example.com"')).attr.path).toEqual(["emails", "value"]);
  });

  it("accepts pr on a complex attribute as a whole", () => {
    expect(shape(parseFilter("User", "name pr and emails pr"))).toBe("and(name pr, emails pr)");
  });

  it("turns eq null and ne null into presence tests", () => {
    expect(shape(parseFilter("User", "title eq null"))).toBe("not(title pr)");
    expect(shape(parseFilter("User", "title ne NULL"))).toBe("title pr");
  });

  it("decodes JSON string escapes", () => {
    expect(compare(parseFilter("User", String.raw`displayName eq "a\"b\\c\/d\u00e9\n\t"`)).value).toBe('a"b\\c/dé\n\t');
    expect(compare(parseFilter("User", 'displayName eq ""')).value).toBe("");
    expect(compare(parseFilter("User", 'displayName eq "and or not ( ) [ ]"')).value).toBe("and or not ( ) [ ]");
  });

  it("types values for the attribute", () => {
    const r = { registry: testRegistry };
    expect(compare(parseFilter("User", `${TEST_EXTENSION}:level ge 3`, r)).value).toBe(3);
    expect(compare(parseFilter("User", `${TEST_EXTENSION}:score lt -1.5e2`, r)).value).toBe(-150);
    expect(compare(parseFilter("User", "active eq TRUE", r)).value).toBe(true);
    expect(compare(parseFilter("User", 'active eq "False"', r)).value).toBe(false);
    expect(compare(parseFilter("User", 'meta.created gt "2011-05-13T06:42:34+02:00"', r)).value).toBe("2011-05-13T04:42:34.000Z");
    expect(compare(parseFilter("User", 'meta.created gt "2011-05-13T04:42:34"', r)).value).toBe("2011-05-13T04:42:34.000Z");
    expect(compare(parseFilter("User", "displayName eq true", r)).value).toBe("true");
    expect(compare(parseFilter("User", "externalId eq 1.50", r)).value).toBe("1.50");
  });

  it("takes an unquoted token as a string, up to whitespace or a bracket", () => {
    expect(compare(parseFilter("User", "userName eq 'a'")).value).toBe("'a'");
    expect(shape(parseFilter("User", "(externalId eq abc-123)and title pr"))).toBe('and(externalId eq "abc-123", title pr)');
  });

  it("parses every operator", () => {
    for (const op of ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]) {
      expect(compare(parseFilter("User", `userName ${op} "x"`)).op).toBe(op);
    }
  });
});

describe("parseFilter: errors are 400 invalidFilter with a useful detail", () => {
  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ["userName", /expected an operator .* after 'userName', found the end of the filter/],
    ["userName eq", /expected a comparison value at the end of the filter/],
    ['userName xx "a"', /expected an operator .* found 'xx'/],
    ['userName eq "a" and', /expected an attribute name or '\(' at the end/],
    ['userName eq "a" userName eq "b"', /expected 'and', 'or' or the end of the filter, found 'userName'/],
    ['(userName eq "a"', /expected '\)' to close the '\(' at character 1/],
    ['userName eq "a")', /unbalanced '\)' at character 16/],
    ['emails[type eq "work"', /expected '\]' to close the '\[' at character 7/],
    ['userName eq "abc', /unterminated string at character 13/],
    [String.raw`userName eq "a\qb"`, /invalid escape '\\q'/],
    [String.raw`userName eq "\u12"`, /invalid \\u escape/],
    ['userName eq "a\u0001b"', /control character/],
    ['"userName" eq "a"', /expected an attribute name, found a string/],
    ['and eq "a"', /expected an attribute name, found the keyword 'and'/],
    ["userName eq \"a\" or or", /keyword 'or'/],
    ["= 1", /unexpected character '='/],
    ['emails[type eq "work"][value eq "x"]', /expected 'and', 'or' or the end of the filter, found '\['/],
    ['emails[addresses[type eq "work"]]', /cannot be nested|no such sub-attribute/],
    ['userName[value eq "x"]', /not a complex attribute/],
    ['name.givenName[value eq "x"]', /not a complex attribute/],
  ])("%j", (text, detail) => {
    expectInvalid(text, detail);
  });

  it("names unknown attributes", () => {
    expectInvalid('nosuch eq "x"', /unknown attribute 'nosuch' for resource type User at character 1/);
    expectInvalid('name.nosuch eq "x"', /unknown attribute 'name.nosuch'/);
    expectInvalid('urn:example:unknown:2.0:User:foo eq "x"', /unknown attribute 'urn:example:unknown:2.0:User:foo'/);
    expectInvalid('emails[nosuch eq "x"]', /unknown attribute 'nosuch': 'emails' has no such sub-attribute/);
    expectInvalid('emails[type eq "work"].nosuch eq "x"', /unknown attribute 'nosuch'/);
    expectInvalid('userName eq "x"', /unknown attribute 'userName' for resource type Group/, "Group");
    expectInvalid('members.nosuch eq "x"', /unknown attribute 'members.nosuch'/, "Group");
  });

  it("rejects ordering on boolean and binary attributes (RFC 7644 §3.4.2.2)", () => {
    expectInvalid("active gt true", /'gt' cannot be used with the boolean attribute 'active'/);
    expectInvalid(`${TEST_EXTENSION}:badge le "AAAA"`, /'le' cannot be used with the binary attribute 'badge'/);
    expectInvalid('x509Certificates.value ge "AAAA"', /binary/);
  });

  it("rejects values of the wrong type", () => {
    expectInvalid('active eq "yes"', /'active' is boolean/);
    expectInvalid("active eq 1", /'active' is boolean/);
    expectInvalid(`${TEST_EXTENSION}:level eq "3"`, /'level' is an integer/);
    expectInvalid(`${TEST_EXTENSION}:level eq 3.5`, /'level' is an integer/);
    expectInvalid(`${TEST_EXTENSION}:score eq "1.5"`, /'score' is a decimal/);
    expectInvalid('meta.lastModified gt "yesterday"', /'meta.lastModified' is a dateTime/);
    expectInvalid('meta.lastModified gt "2011-02-30T00:00:00Z"', /dateTime/);
    expectInvalid("meta.lastModified gt 2011", /dateTime/);
    expectInvalid('name eq "x"', /'name' is a complex attribute: compare one of its sub-attributes/);
  });

  it("rejects substring operators on non-text attributes and null outside eq/ne", () => {
    expectInvalid("active co true", /'co' cannot be used with the boolean attribute/);
    expectInvalid(`${TEST_EXTENSION}:level sw 1`, /'sw' cannot be used with the integer attribute/);
    expectInvalid('meta.created ew "Z"', /'ew' cannot be used with the dateTime attribute/);
    expectInvalid("title gt null", /null can only be compared with 'eq' or 'ne'/);
  });

  it("never throws anything but ScimError for hostile input", () => {
    for (const text of ["(".repeat(10_000), "not ".repeat(5_000) + "title pr", "[".repeat(1000), '"'.repeat(3), "\\", "\u0000", "emails[", "]"]) {
      const error = parseError(text);
      expect(error.status).toBe(400);
      expect(error.scimType).toBe("invalidFilter");
    }
  });
});

describe("parseFilter: limits", () => {
  it(`rejects filters longer than ${MAX_FILTER_LENGTH} characters`, () => {
    const long = `displayName eq "${"x".repeat(MAX_FILTER_LENGTH)}"`;
    expectInvalid(long, new RegExp(`longer than the maximum filter length of ${MAX_FILTER_LENGTH}`));
    const fits = `displayName eq "${"x".repeat(MAX_FILTER_LENGTH - 17)}"`;
    expect(fits.length).toBe(MAX_FILTER_LENGTH);
    expect(() => parseFilter("User", fits)).not.toThrow();
  });

  it(`rejects nesting deeper than ${MAX_FILTER_DEPTH}`, () => {
    const nested = (depth: number) => `${"(".repeat(depth)}title pr${")".repeat(depth)}`;
    expect(() => parseFilter("User", nested(MAX_FILTER_DEPTH))).not.toThrow();
    expectInvalid(nested(MAX_FILTER_DEPTH + 1), new RegExp(`nesting deeper than the maximum filter depth of ${MAX_FILTER_DEPTH}`));
    expectInvalid(`${"not ".repeat(MAX_FILTER_DEPTH + 1)}title pr`, /maximum filter depth/);
  });

  it(`rejects more than ${MAX_FILTER_COMPARISONS} comparisons`, () => {
    const chain = (n: number) => Array.from({ length: n }, () => "title pr").join(" or ");
    expect(chain(MAX_FILTER_COMPARISONS + 1).length).toBeLessThan(MAX_FILTER_LENGTH);
    expect(() => parseFilter("User", chain(MAX_FILTER_COMPARISONS))).not.toThrow();
    expectInvalid(chain(MAX_FILTER_COMPARISONS + 1), new RegExp(`more than the maximum of ${MAX_FILTER_COMPARISONS} comparisons`));
    // Comparisons inside value paths count too.
    const inBrackets = `emails[${Array.from({ length: MAX_FILTER_COMPARISONS + 1 }, () => "value pr").join(" or ")}]`;
    expectInvalid(inBrackets, /maximum of 256 comparisons/);
    expect(() => parseFilter("User", "title pr or title pr or title pr", { maxComparisons: 2 })).toThrow(/maximum of 2 comparisons/);
  });
});
