import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { ENTERPRISE_USER_SCHEMA } from "../schema/registry";
import { matchesFilter } from "./evaluate";
import { parseFilter } from "./parser";
import { printFilter } from "./print";

const anyCase = (word: string) => fc.constantFrom(word, word.toUpperCase(), word.toLowerCase());
const space = fc.constantFrom(" ", "  ", "\t", " \n ");

const STRING_ATTRS = ["userName", "title", "displayName", "name.givenName", "emails.value", "emails.type", `${ENTERPRISE_USER_SCHEMA}:employeeNumber`, "externalId"];
const STRING_OPS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
const WORDS = ["alice@example.com", "Bob@Example.com", "work", "home", "42", "Tour Guide", ""];

const stringValue = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 }), fc.string({ unit: "grapheme", maxLength: 4 }));

const stringCompare = fc
  .tuple(fc.constantFrom(...STRING_ATTRS), fc.constantFrom(...STRING_OPS), stringValue, space)
  .chain(([attr, op, value, ws]) => anyCase(op).map((o) => `${attr}${ws}${o}${ws}${JSON.stringify(value)}`));
const present = fc.constantFrom("title pr", "name pr", "emails pr", "nickName PR", `${ENTERPRISE_USER_SCHEMA}:manager pr`);
const booleanCompare = fc.tuple(fc.constantFrom("eq", "ne", "EQ"), fc.constantFrom("true", "false", '"True"', '"false"')).map(([op, v]) => `active ${op} ${v}`);
const dateCompare = fc
  .tuple(fc.constantFrom("gt", "ge", "lt", "le", "eq", "ne"), fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }))
  .map(([op, d]) => `meta.lastModified ${op} "${d.toISOString()}"`);
const emailInner = fc.oneof(
  fc.constantFrom('type eq "work"', 'type eq "home"', "primary eq true", 'value co "example"', "value pr", 'TYPE ne "work"'),
  stringValue.map((v) => `value eq ${JSON.stringify(v)}`),
);
const valuePath = fc.oneof(
  fc.array(emailInner, { minLength: 1, maxLength: 3 }).chain((parts) => anyCase("and").map((and) => `emails[${parts.join(` ${and} `)}]`)),
  fc.tuple(emailInner, stringValue).map(([inner, v]) => `emails[${inner}].value eq ${JSON.stringify(v)}`),
);
const leaf = fc.oneof(stringCompare, present, booleanCompare, dateCompare, valuePath);

/** Random well-formed filters; composite parts are parenthesised, so the meaning of the text is known. */
const { filter } = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.tuple(tie("filter"), anyCase("and"), tie("filter")).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(tie("filter"), anyCase("or"), tie("filter")).map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc.tuple(anyCase("not"), tie("filter")).map(([not, a]) => `${not} (${a})`),
    fc.tuple(tie("filter"), tie("filter")).map(([a, b]) => `${a} and ${b} or ${a}`),
  ),
}));

const resource = fc.record(
  {
    userName: fc.constantFrom(...WORDS),
    title: fc.constantFrom("Tour Guide", "boss", ""),
    active: fc.boolean(),
    name: fc.record({ givenName: fc.constantFrom("Barbara", "bob") }, { requiredKeys: [] }),
    emails: fc.array(
      fc.record({ value: fc.constantFrom(...WORDS), type: fc.constantFrom("work", "home"), primary: fc.boolean() }, { requiredKeys: ["value"] }),
      { maxLength: 3 },
    ),
    meta: fc.record({ lastModified: fc.constantFrom("2011-05-13T04:42:34Z", "2025-06-01T12:00:00+02:00") }),
    [ENTERPRISE_USER_SCHEMA]: fc.record({ employeeNumber: fc.constantFrom("42", "7"), manager: fc.record({ value: fc.constantFrom("m1") }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

/** Generated filters can be long; the limits have their own tests. */
const ROOMY = { maxLength: 1_000_000, maxDepth: 200, maxComparisons: 100_000 };

function expectScimFilterError(error: unknown): void {
  expect(error).toBeInstanceOf(ScimError);
  expect((error as ScimError).status).toBe(400);
  expect((error as ScimError).scimType).toBe("invalidFilter");
}

describe("parseFilter properties", () => {
  it("returns a tree or throws 400 invalidFilter for any string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseFilter("User", text);
        } catch (error) {
          expectScimFilterError(error);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("returns a tree or throws 400 invalidFilter for token soup", () => {
    const token = fc.constantFrom(
      "userName", "emails", "emails.value", "name", "active", "members", "meta.lastModified", ENTERPRISE_USER_SCHEMA, `${ENTERPRISE_USER_SCHEMA}:manager`,
      "[", "]", "(", ")", ".value", ".type", "eq", "ne", "co", "gt", "pr", "and", "or", "not", "AND", '"x"', '"', "\\", "true", "null", "12", "-1e999", "1.5", "x", ":", ".", " ", " ",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), fc.constantFrom<"User" | "Group">("User", "Group"), (tokens, type) => {
        try {
          parseFilter(type, tokens.join(""));
        } catch (error) {
          expectScimFilterError(error);
        }
        try {
          parseFilter(type, tokens.join(" "));
        } catch (error) {
          expectScimFilterError(error);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("parses every generated well-formed filter, and the printed tree re-parses to the same tree", () => {
    fc.assert(
      fc.property(filter, (text) => {
        const ast = parseFilter("User", text, ROOMY);
        const printed = printFilter(ast);
        expect(parseFilter("User", printed, ROOMY)).toEqual(ast);
        // The printed form is a fixed point.
        expect(printFilter(parseFilter("User", printed, ROOMY))).toBe(printed);
      }),
      { numRuns: 1000 },
    );
  });

  it("evaluates and/or/not as the logical operators they are, whatever the nesting", () => {
    fc.assert(
      fc.property(filter, filter, resource, (a, b, r) => {
        const m = (text: string) => matchesFilter(r, parseFilter("User", text, ROOMY));
        const ma = m(a);
        const mb = m(b);
        expect(m(`(${a}) and (${b})`)).toBe(ma && mb);
        expect(m(`(${a}) or (${b})`)).toBe(ma || mb);
        expect(m(`not (${a})`)).toBe(!ma);
        // Precedence: "a or b and not a" is "a or (b and (not a))".
        expect(m(`(${a}) or (${b}) and not (${a})`)).toBe(ma || (mb && !ma));
      }),
      { numRuns: 500 },
    );
  });

  it("evaluates the printed form like the original", () => {
    fc.assert(
      fc.property(filter, resource, (text, r) => {
        const ast = parseFilter("User", text, ROOMY);
        expect(matchesFilter(r, parseFilter("User", printFilter(ast), ROOMY))).toBe(matchesFilter(r, ast));
      }),
      { numRuns: 500 },
    );
  });
});
