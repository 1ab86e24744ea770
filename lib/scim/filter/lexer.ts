// Tokeniser for SCIM filters (RFC 7644 §3.4.2.2, Figure 1). It is pulled by the parser one token at a time,
// because what a run of characters means depends on where it stands: after a comparison operator it is a
// value (JSON literal, or a bare token such as Entra's unquoted `externalId eq 123abc`), elsewhere an
// attribute path or a keyword.

import { invalidFilter, type ScimError } from "../errors";

export type TokenKind = "lparen" | "rparen" | "lbracket" | "rbracket" | "word" | "subAttr" | "string" | "eof";

export interface Token {
  kind: TokenKind;
  /** Source text of the token (for `string`, the decoded value). */
  text: string;
  /** Offset of the first character (0-based). */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** A comparison value as written: JSON literal (RFC 7159) or an unquoted token. */
export type ValueToken =
  | { kind: "string"; value: string; start: number; end: number }
  | { kind: "number"; value: number; raw: string; start: number; end: number }
  | { kind: "boolean"; value: boolean; raw: string; start: number; end: number }
  | { kind: "null"; start: number; end: number }
  | { kind: "bare"; value: string; start: number; end: number };

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
}

function isNameStart(c: string): boolean {
  return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c === "$" || c === "_";
}

/** Characters of an attribute path word: ATTRNAME characters, `$` (for `$ref`), and the `:` `.` of URIs and sub-attributes. */
function isWordChar(c: string): boolean {
  return isNameStart(c) || (c >= "0" && c <= "9") || c === "-" || c === ":" || c === ".";
}

function isBareStop(c: string): boolean {
  return isSpace(c) || c === "(" || c === ")" || c === "[" || c === "]" || c === '"';
}

/** "at character 12 (near `...`)": 1-based, for humans reading a 400 response. */
export function describePosition(input: string, offset: number): string {
  if (offset >= input.length) return "at the end of the filter";
  const snippet = input.slice(offset, offset + 20);
  return `at character ${offset + 1} (near '${snippet}')`;
}

export function filterSyntaxError(input: string, offset: number, message: string): ScimError {
  return invalidFilter(`Invalid filter: ${message} ${describePosition(input, offset)}`);
}

export function skipSpace(input: string, pos: number): number {
  let p = pos;
  while (p < input.length && isSpace(input.charAt(p))) p++;
  return p;
}

/** Reads the token starting at or after `pos` in the ordinary (non-value) context. */
export function readToken(input: string, pos: number): Token {
  const start = skipSpace(input, pos);
  if (start >= input.length) return { kind: "eof", text: "", start, end: start };
  const c = input.charAt(start);
  switch (c) {
    case "(":
      return { kind: "lparen", text: c, start, end: start + 1 };
    case ")":
      return { kind: "rparen", text: c, start, end: start + 1 };
    case "[":
      return { kind: "lbracket", text: c, start, end: start + 1 };
    case "]":
      return { kind: "rbracket", text: c, start, end: start + 1 };
    case '"': {
      const { value, end } = readJsonString(input, start);
      return { kind: "string", text: value, start, end };
    }
    default:
      break;
  }
  if (c === "." && start + 1 < input.length && isNameStart(input.charAt(start + 1))) {
    let end = start + 1;
    while (end < input.length && isWordChar(input.charAt(end)) && input.charAt(end) !== ":") end++;
    return { kind: "subAttr", text: input.slice(start + 1, end), start, end };
  }
  if (isNameStart(c)) {
    let end = start + 1;
    while (end < input.length && isWordChar(input.charAt(end))) end++;
    return { kind: "word", text: input.slice(start, end), start, end };
  }
  throw filterSyntaxError(input, start, `unexpected character '${c}'`);
}

/** Reads a comparison value: a JSON string, number, true/false/null, or (interop) an unquoted token. */
export function readValue(input: string, pos: number): ValueToken {
  const start = skipSpace(input, pos);
  if (start >= input.length) throw filterSyntaxError(input, start, "expected a comparison value");
  if (input.charAt(start) === '"') {
    const { value, end } = readJsonString(input, start);
    return { kind: "string", value, start, end };
  }
  let end = start;
  while (end < input.length && !isBareStop(input.charAt(end))) end++;
  if (end === start) throw filterSyntaxError(input, start, "expected a comparison value");
  const raw = input.slice(start, end);
  const lower = raw.toLowerCase();
  // JSON literals are lower-case; upper-case spellings ("True") are accepted because IdPs send them.
  if (lower === "true" || lower === "false") return { kind: "boolean", value: lower === "true", raw, start, end };
  if (lower === "null") return { kind: "null", start, end };
  if (NUMBER.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return { kind: "number", value, raw, start, end };
  }
  return { kind: "bare", value: raw, start, end };
}

/** Decodes a JSON string (RFC 7159 §7) beginning with the quote at `start`. */
export function readJsonString(input: string, start: number): { value: string; end: number } {
  let p = start + 1;
  let out = "";
  while (p < input.length) {
    const c = input.charAt(p);
    if (c === '"') return { value: out, end: p + 1 };
    if (c === "\\") {
      const e = input.charAt(p + 1);
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          p += 2;
          continue;
        case "b":
          out += "\b";
          p += 2;
          continue;
        case "f":
          out += "\f";
          p += 2;
          continue;
        case "n":
          out += "\n";
          p += 2;
          continue;
        case "r":
          out += "\r";
          p += 2;
          continue;
        case "t":
          out += "\t";
          p += 2;
          continue;
        case "u": {
          const hex = input.slice(p + 2, p + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw filterSyntaxError(input, p, "invalid \\u escape in string (expected 4 hex digits)");
          out += String.fromCharCode(parseInt(hex, 16));
          p += 6;
          continue;
        }
        default:
          throw filterSyntaxError(input, p, `invalid escape '\\${e}' in string`);
      }
    }
    if (c < " ") throw filterSyntaxError(input, p, "control character in string (escape it)");
    out += c;
    p++;
  }
  throw filterSyntaxError(input, start, "unterminated string");
}
