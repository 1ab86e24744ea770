// Typing of comparison values against the attribute they are compared with (RFC 7644 §3.4.2.2, RFC 7643 §2.3).

import type { AttrRef, CompareOp, FilterValue } from "./ast";
import { normaliseDateTime } from "./datetime";
import { filterSyntaxError, type ValueToken } from "./lexer";

const ORDERING: ReadonlySet<CompareOp> = new Set(["gt", "ge", "lt", "le"]);
const SUBSTRING: ReadonlySet<CompareOp> = new Set(["co", "sw", "ew"]);

export function isOrderingOp(op: CompareOp): boolean {
  return ORDERING.has(op);
}

export function isSubstringOp(op: CompareOp): boolean {
  return SUBSTRING.has(op);
}

function attrName(attr: AttrRef): string {
  return attr.path.join(".");
}

/** The text of a token as a string value (unquoted values are IdP interop: Entra's `externalId eq 123abc`). */
function tokenText(token: Exclude<ValueToken, { kind: "null" }>): string {
  switch (token.kind) {
    case "string":
    case "bare":
      return token.value;
    case "number":
    case "boolean":
      return token.raw;
  }
}

/**
 * Checks that `op` applies to the attribute's type and returns `token` as a typed value. `null` tokens are
 * handled by the parser (they become presence tests) and never reach here.
 */
export function coerceFilterValue(input: string, attr: AttrRef, op: CompareOp, token: Exclude<ValueToken, { kind: "null" }>): FilterValue {
  const fail = (message: string) => filterSyntaxError(input, token.start, message);
  const name = attrName(attr);
  // RFC 7644 §3.4.2.2 (gt): "Boolean and Binary attributes SHALL cause a failed response (HTTP status code 400)
  // with "scimType" of "invalidFilter"."
  if (ORDERING.has(op) && (attr.type === "boolean" || attr.type === "binary")) {
    throw fail(`operator '${op}' cannot be used with the ${attr.type} attribute '${name}'`);
  }
  // Substring operators only make sense on text; on booleans, numbers and instants they are rejected rather than
  // given an invented meaning.
  if (SUBSTRING.has(op) && attr.type !== "string" && attr.type !== "reference" && attr.type !== "binary") {
    throw fail(`operator '${op}' cannot be used with the ${attr.type} attribute '${name}'`);
  }
  switch (attr.type) {
    case "string":
    case "reference":
    case "binary":
      return tokenText(token);
    case "boolean": {
      if (token.kind === "boolean") return token.value;
      // Entra writes booleans as "True"/"False" strings; accept the same spelling in filters.
      if (token.kind === "string" || token.kind === "bare") {
        const lower = token.value.toLowerCase();
        if (lower === "true" || lower === "false") return lower === "true";
      }
      throw fail(`attribute '${name}' is boolean: expected true or false`);
    }
    case "integer": {
      if (token.kind === "number" && Number.isSafeInteger(token.value)) return token.value === 0 ? 0 : token.value;
      throw fail(`attribute '${name}' is an integer: expected an integer number`);
    }
    case "decimal": {
      if (token.kind === "number") return token.value === 0 ? 0 : token.value;
      throw fail(`attribute '${name}' is a decimal: expected a number`);
    }
    case "dateTime": {
      if (token.kind === "string" || token.kind === "bare") {
        const normalised = normaliseDateTime(token.value);
        if (normalised !== undefined) return normalised;
      }
      throw fail(`attribute '${name}' is a dateTime: expected a quoted xsd:dateTime such as "2011-05-13T04:42:34Z"`);
    }
    case "complex":
      throw fail(`attribute '${name}' is complex: compare one of its sub-attributes`);
  }
}
