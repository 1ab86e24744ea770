import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { normaliseDateTime, parseDateTime } from "./datetime";
import { readJsonString, readToken, readValue } from "./lexer";

describe("readToken", () => {
  it("reads attribute paths with URNs, dots and $ref as one word", () => {
    const urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref";
    expect(readToken(`  ${urn} eq`, 0)).toEqual({ kind: "word", text: urn, start: 2, end: 2 + urn.length });
  });

  it("reads brackets, parentheses and a sub-attribute after ]", () => {
    const kinds: string[] = [];
    const text = 'x[y](].value"s"';
    let pos = 0;
    for (;;) {
      const token = readToken(text, pos);
      kinds.push(`${token.kind}:${token.text}`);
      if (token.kind === "eof") break;
      pos = token.end;
    }
    expect(kinds).toEqual(["word:x", "lbracket:[", "word:y", "rbracket:]", "lparen:(", "rbracket:]", "subAttr:value", "string:s", "eof:"]);
  });

  it("rejects characters that start no token", () => {
    expect(() => readToken("  = 1", 0)).toThrow(/unexpected character '=' at character 3/);
  });
});

describe("readValue", () => {
  it("reads JSON literals and unquoted tokens", () => {
    expect(readValue(' "a b"', 0)).toMatchObject({ kind: "string", value: "a b", end: 6 });
    expect(readValue("-1.5e3)", 0)).toMatchObject({ kind: "number", value: -1500, raw: "-1.5e3", end: 6 });
    expect(readValue("True ", 0)).toMatchObject({ kind: "boolean", value: true });
    expect(readValue("null]", 0)).toMatchObject({ kind: "null", end: 4 });
    expect(readValue("123abc and", 0)).toMatchObject({ kind: "bare", value: "123abc", end: 6 });
    // Not JSON numbers: leading zeros, a bare exponent, a value out of range.
    expect(readValue("007", 0)).toMatchObject({ kind: "bare", value: "007" });
    expect(readValue("1e999", 0)).toMatchObject({ kind: "bare", value: "1e999" });
  });

  it("requires a value", () => {
    expect(() => readValue("   ", 0)).toThrow(ScimError);
    expect(() => readValue(")", 0)).toThrow(/expected a comparison value/);
  });
});

describe("readJsonString", () => {
  it("decodes escapes, including surrogate pairs", () => {
    expect(readJsonString(String.raw`"\ud83d\ude00\u0041"`, 0).value).toBe("😀A");
  });
  it("reports unterminated strings", () => {
    expect(() => readJsonString('"abc\\"', 0)).toThrow(/unterminated string at character 1/);
  });
});

describe("parseDateTime", () => {
  it("parses xsd:dateTime with and without zone and fraction", () => {
    expect(parseDateTime("2011-05-13T04:42:34Z")).toBe(Date.UTC(2011, 4, 13, 4, 42, 34));
    expect(parseDateTime("2011-05-13T06:42:34.5+02:00")).toBe(Date.UTC(2011, 4, 13, 4, 42, 34, 500));
    expect(parseDateTime("2011-05-13T04:42:34")).toBe(Date.UTC(2011, 4, 13, 4, 42, 34));
    expect(parseDateTime("2024-02-29T00:00:00Z")).toBeDefined();
  });
  it("rejects impossible or malformed values", () => {
    for (const bad of ["2023-02-29T00:00:00Z", "2011-13-01T00:00:00Z", "2011-05-13 04:42:34Z", "2011-05-13T24:00:00Z", "0000-01-01T00:00:00Z", "2011-05-13T04:42:34+15:00", "yesterday"]) {
      expect(parseDateTime(bad)).toBeUndefined();
    }
  });
  it("normalises to a UTC instant inside years 1-9999", () => {
    expect(normaliseDateTime("0099-01-01T00:00:00Z")).toBe("0099-01-01T00:00:00.000Z");
    expect(normaliseDateTime("0001-01-01T00:00:00+01:00")).toBeUndefined();
  });
});
