// SCIM filter parser, RFC 7644 §3.4.2.2 (ABNF in Figure 1), plus the IdP dialects of notes/idp-wire.md.
//
// Recursive descent with precedence not > and > or (§3.4.2.2: "not" binds tighter than "and", which binds
// tighter than "or"). Recursion only happens on "(", "not" and "[", and each of them counts against
// MAX_FILTER_DEPTH before recursing, so hostile input cannot exhaust the stack. Every failure is a ScimError
// 400 invalidFilter whose detail gives the position and what was expected.
//
// Accepted beyond the ABNF (interop; all are unambiguous):
// - keywords and operators in any letter case (§3.4.2.2 says they are case-insensitive);
// - any whitespace between tokens, and none where the tokens are self-delimiting (`not(...)`, see erratum 7319);
// - `not` before a single expression without parentheses (`not title pr`), binding as tightly as `not (...)`;
// - `attr[filter].sub op value` (Entra) = `attr[filter and sub op value]`; `attr[filter].sub pr` likewise;
// - an unquoted comparison value that is not a JSON literal is a string (Entra's `externalId eq 123abc`);
//   a number written for a string attribute is the string of its digits (`externalId eq 123`);
// - "True"/"False" (any case) for boolean attributes.

import { invalidFilter } from "../errors";
import { attribute } from "../schema/define";
import { registry as defaultRegistry, type ResolvedAttribute, type ResourceTypeName, type ScimRegistry } from "../schema/registry";
import { COMPARE_OPS, type AttrRef, type CompareOp, type FilterNode } from "./ast";
import { filterSyntaxError, readToken, readValue, type Token } from "./lexer";
import { MAX_FILTER_COMPARISONS, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from "./limits";
import { coerceFilterValue } from "./values";

export interface ParseFilterOptions {
  /** Defaults to the registry of lib/scim/schema/registry. */
  registry?: ScimRegistry;
  /** Override the limits of ./limits (never raise them for input from the network). */
  maxLength?: number;
  maxDepth?: number;
  maxComparisons?: number;
}

const COMPARE_OP_SET: ReadonlySet<string> = new Set(COMPARE_OPS);
const KEYWORDS: ReadonlySet<string> = new Set(["and", "or", "not", "pr", ...COMPARE_OPS]);

/** `schemas` (RFC 7643 §3) is not a schema attribute but may be filtered on (RFC 7644 §3.4.2.2 example). */
const SCHEMAS_ATTRIBUTE = attribute("schemas", "reference", "The schema URIs the resource uses.", {
  multiValued: true,
  mutability: "readOnly",
  referenceTypes: ["uri"],
});

export function toAttrRef(resolved: ResolvedAttribute): AttrRef {
  return {
    path: [...resolved.names],
    schema: resolved.schema,
    extension: resolved.extension,
    type: resolved.definition.type,
    caseExact: resolved.definition.caseExact,
    multiValued: resolved.definition.multiValued || (resolved.parent?.multiValued ?? false),
    resolved,
  };
}

/** Parses a complete filter. Throws ScimError 400 invalidFilter on any malformed or unsupported input. */
export function parseFilter(resourceType: ResourceTypeName, text: string, opts: ParseFilterOptions = {}): FilterNode {
  if (typeof text !== "string") throw invalidFilter("Invalid filter: expected a string");
  const parser = new FilterParser(resourceType, text, opts, undefined);
  return parser.parseAll();
}

/**
 * Parses the filter inside a value path's brackets (`type eq "work"` of `emails[type eq "work"]`): attribute
 * names are sub-attributes of `parent`. Used by PATCH paths.
 */
export function parseValueFilter(resourceType: ResourceTypeName, parent: ResolvedAttribute, text: string, opts: ParseFilterOptions = {}): FilterNode {
  if (parent.definition.type !== "complex" || parent.parent) {
    throw invalidFilter(`Invalid filter: '${parent.names.join(".")}' is not a complex attribute, so it cannot take a [filter]`);
  }
  const parser = new FilterParser(resourceType, text, opts, parent);
  return parser.parseAll();
}

class FilterParser {
  private pos = 0;
  private depth = 0;
  private comparisons = 0;
  private readonly registry: ScimRegistry;
  private readonly maxDepth: number;
  private readonly maxComparisons: number;

  constructor(
    private readonly resourceType: ResourceTypeName,
    private readonly input: string,
    opts: ParseFilterOptions,
    /** Set when parsing the inside of `attr[...]` on its own. */
    private readonly outerParent: ResolvedAttribute | undefined,
  ) {
    this.registry = opts.registry ?? defaultRegistry;
    this.maxDepth = opts.maxDepth ?? MAX_FILTER_DEPTH;
    this.maxComparisons = opts.maxComparisons ?? MAX_FILTER_COMPARISONS;
    const maxLength = opts.maxLength ?? MAX_FILTER_LENGTH;
    if (input.length > maxLength) {
      throw invalidFilter(`Invalid filter: longer than the maximum filter length of ${maxLength} characters (${input.length})`);
    }
  }

  parseAll(): FilterNode {
    if (readToken(this.input, 0).kind === "eof") throw invalidFilter("Invalid filter: the filter is empty");
    const node = this.parseOr(this.outerParent);
    const rest = this.peek();
    if (rest.kind !== "eof") {
      const expected = this.depth === 0 && rest.kind === "rparen" ? "unbalanced ')'" : `expected 'and', 'or' or the end of the filter, found '${rest.text}'`;
      throw this.error(rest.start, expected);
    }
    return node;
  }

  private error(offset: number, message: string) {
    return filterSyntaxError(this.input, offset, message);
  }

  private peek(): Token {
    return readToken(this.input, this.pos);
  }

  private take(): Token {
    const token = readToken(this.input, this.pos);
    this.pos = token.end;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === "word" && token.text.toLowerCase() === keyword;
  }

  private enter(offset: number): void {
    this.depth++;
    if (this.depth > this.maxDepth) throw this.error(offset, `nesting deeper than the maximum filter depth of ${this.maxDepth}`);
  }

  private countComparison(offset: number): void {
    this.comparisons++;
    if (this.comparisons > this.maxComparisons) {
      throw this.error(offset, `more than the maximum of ${this.maxComparisons} comparisons in one filter`);
    }
  }

  private parseOr(parent: ResolvedAttribute | undefined): FilterNode {
    const children: FilterNode[] = [];
    pushFlattened(children, this.parseAnd(parent), "or");
    while (this.isKeyword(this.peek(), "or")) {
      this.take();
      pushFlattened(children, this.parseAnd(parent), "or");
    }
    return children.length === 1 && children[0] ? children[0] : { kind: "or", children };
  }

  private parseAnd(parent: ResolvedAttribute | undefined): FilterNode {
    const children: FilterNode[] = [];
    pushFlattened(children, this.parseUnary(parent), "and");
    while (this.isKeyword(this.peek(), "and")) {
      this.take();
      pushFlattened(children, this.parseUnary(parent), "and");
    }
    return children.length === 1 && children[0] ? children[0] : { kind: "and", children };
  }

  private parseUnary(parent: ResolvedAttribute | undefined): FilterNode {
    const token = this.peek();
    if (this.isKeyword(token, "not")) {
      this.take();
      this.enter(token.start);
      const child = this.parseUnary(parent);
      this.depth--;
      return { kind: "not", child };
    }
    return this.parsePrimary(parent);
  }

  private parsePrimary(parent: ResolvedAttribute | undefined): FilterNode {
    const token = this.take();
    switch (token.kind) {
      case "lparen": {
        this.enter(token.start);
        const inner = this.parseOr(parent);
        const close = this.take();
        if (close.kind !== "rparen") throw this.error(close.start, `expected ')' to close the '(' at character ${token.start + 1}`);
        this.depth--;
        return inner;
      }
      case "word":
        if (KEYWORDS.has(token.text.toLowerCase())) throw this.error(token.start, `expected an attribute name, found the keyword '${token.text}'`);
        return this.parseAttributeExpression(token, parent);
      case "eof":
        throw this.error(token.start, "expected an attribute name or '('");
      case "string":
        throw this.error(token.start, "expected an attribute name, found a string");
      default:
        throw this.error(token.start, `expected an attribute name or '(', found '${token.text}'`);
    }
  }

  private resolve(token: Token, parent: ResolvedAttribute | undefined): ResolvedAttribute {
    const name = token.text;
    let resolved: ResolvedAttribute | undefined;
    if (parent) {
      resolved = /[.:]/.test(name) ? undefined : this.registry.resolveSub(parent, name);
      if (!resolved) throw this.error(token.start, `unknown attribute '${name}': '${parent.names.join(".")}' has no such sub-attribute`);
      return resolved;
    }
    if (name.toLowerCase() === "schemas") {
      const core = this.registry.resourceType(this.resourceType).schema;
      return { schema: core, definition: SCHEMAS_ATTRIBUTE, names: ["schemas"], extension: false };
    }
    resolved = this.registry.resolve(this.resourceType, name);
    if (!resolved) throw this.error(token.start, `unknown attribute '${name}' for resource type ${this.resourceType}`);
    return resolved;
  }

  private parseAttributeExpression(nameToken: Token, parent: ResolvedAttribute | undefined): FilterNode {
    const resolved = this.resolve(nameToken, parent);
    const next = this.peek();
    if (next.kind === "lbracket") return this.parseValuePath(nameToken, resolved, parent);
    return this.parseComparison(resolved, nameToken.start);
  }

  /** `attr[valFilter]`, optionally followed by Entra's `.sub op value`. */
  private parseValuePath(nameToken: Token, resolved: ResolvedAttribute, parent: ResolvedAttribute | undefined): FilterNode {
    const open = this.take();
    if (parent) throw this.error(open.start, "a [filter] cannot be nested inside another [filter]");
    if (resolved.definition.type !== "complex" || resolved.parent) {
      throw this.error(open.start, `'${nameToken.text}' is not a complex attribute, so it cannot take a [filter]`);
    }
    this.enter(open.start);
    const inner = this.parseOr(resolved);
    const close = this.take();
    if (close.kind !== "rbracket") throw this.error(close.start, `expected ']' to close the '[' at character ${open.start + 1}`);
    this.depth--;
    const attr = toAttrRef(resolved);
    const after = this.peek();
    if (after.kind !== "subAttr") return { kind: "valuePath", attr, filter: inner };
    // Entra: emails[type eq "work"].value eq "x" -> emails[type eq "work" and value eq "x"].
    this.take();
    const sub = this.registry.resolveSub(resolved, after.text);
    if (!sub) throw this.error(after.start, `unknown attribute '${after.text}': '${resolved.names.join(".")}' has no such sub-attribute`);
    const leaf = this.parseComparison(sub, after.start);
    const children: FilterNode[] = [];
    pushFlattened(children, inner, "and");
    pushFlattened(children, leaf, "and");
    return { kind: "valuePath", attr, filter: { kind: "and", children } };
  }

  /** `pr` or `compareOp compValue` after a resolved attribute. */
  private parseComparison(resolved: ResolvedAttribute, nameOffset: number): FilterNode {
    const opToken = this.take();
    const opText = opToken.kind === "word" ? opToken.text.toLowerCase() : "";
    const name = resolved.names.join(".");
    if (opText === "pr") {
      this.countComparison(nameOffset);
      return { kind: "present", attr: toAttrRef(resolved) };
    }
    if (!COMPARE_OP_SET.has(opText)) {
      const found = opToken.kind === "eof" ? "the end of the filter" : `'${opToken.text}'`;
      throw this.error(opToken.start, `expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr) after '${name}', found ${found}`);
    }
    const op = opText as CompareOp;
    this.countComparison(nameOffset);
    const value = readValue(this.input, this.pos);
    this.pos = value.end;
    if (value.kind === "null") {
      // `eq null` asks for absence, `ne null` for presence (RFC 7644 §3.4.2.2 gives null no other meaning).
      if (op !== "eq" && op !== "ne") throw this.error(value.start, `null can only be compared with 'eq' or 'ne'`);
      const present: FilterNode = { kind: "present", attr: toAttrRef(resolved) };
      return op === "eq" ? { kind: "not", child: present } : present;
    }
    let target = resolved;
    if (resolved.definition.type === "complex") {
      // RFC 7644 §3.4.2.2 examples compare a multi-valued complex attribute directly (`emails co "example.com"`
      // beside `emails.value co "example.org"`); its `value` sub-attribute is meant (RFC 7643 §2.4).
      const valueSub = resolved.parent ? undefined : this.registry.resolveSub(resolved, "value");
      if (!valueSub) throw this.error(nameOffset, `'${name}' is a complex attribute: compare one of its sub-attributes (e.g. '${name}.${resolved.definition.subAttributes?.[0]?.name ?? "value"}')`);
      target = valueSub;
    }
    const attr = toAttrRef(target);
    return { kind: "compare", attr, op, value: coerceFilterValue(this.input, attr, op, value) };
  }
}

function pushFlattened(into: FilterNode[], node: FilterNode, kind: "and" | "or"): void {
  if (node.kind === kind) into.push(...node.children);
  else into.push(node);
}
