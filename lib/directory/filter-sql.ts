// The one place where a SCIM filter (RFC 7644 §3.4.2.2) becomes SQL: a boolean expression over one row of
// "DirectoryUser" or "DirectoryGroup" (or, for PATCH removeMatching, of "DirectoryMembership"). The caller bounds
// it by account. Rows are never loaded to be filtered or counted in memory.
//
// The semantics are those of lib/scim/filter/evaluate.ts (`matchesFilter`, the reference; the integration tests
// check that both agree on random data and filters):
// - Strings compare case-insensitively unless the attribute is caseExact (RFC 7643 §2.2). The stored side is
//   folded by `lower(... COLLATE pg_unicode_fast)` (full case mapping, final sigma included), which equals
//   String.prototype.toLowerCase on every code point but the 28 letters Unicode 17 added (PostgreSQL 18 has
//   Unicode 16; see foldSql); the operand is folded the same way. gt/ge/lt/le order by code point (`COLLATE "C"`); the evaluator orders by UTF-16 code
//   unit, which differs only where, at the first difference, one string has a character in U+E000-U+FFFF and
//   the other one above U+FFFF.
// - co/sw/ew use LIKE with `\`, `%` and `_` of the value escaped. A value with U+0000 (only possible through a
//   `\u0000` escape) equals and contains no stored text (PostgreSQL cannot store it) and orders like its prefix.
//   A value with an unpaired surrogate cannot be sent to PostgreSQL: 400 invalidFilter.
// - integer/decimal compare numerically (jsonb numbers as numeric); dateTime as instants, a stored string
//   counting only when it is an xsd:dateTime that lib/scim/filter/datetime.ts accepts (pattern plus
//   pg_input_is_valid, so a bad stored value never raises), fractions truncated to milliseconds, no zone = UTC;
//   booleans with eq only.
// - `pr`: some value that is not null, "", [] or an object without a present sub-attribute (a jsonpath search for
//   a non-empty scalar). `ne` is NOT eq: it matches resources without the attribute. A multi-valued attribute
//   matches when any value does; `attr[filter]` when one element satisfies the whole inner filter.
// - Every fragment is TRUE or FALSE, never NULL (nullable operands are guarded by IS NOT NULL or COALESCE), so
//   NOT, and any composition by callers, is two-valued.
//
// Storage (prisma/schema.prisma). Where a promoted column has an index, the lookup uses it: id (compared only with
// a canonical lower-case UUID, else simply false), userName through "userNameKey" and Group displayName through
// "displayNameKey" (an index pre-filter, then the exact comparison), externalId, meta.created/lastModified
// ("createdAt"/"updatedAt"); `emails.value eq` adds `"emailKeys" && ARRAY[lower(value), trim(lower(value))]`
// (GIN). `active` is read from the resource, not from the column: the writer sets the column to true when the
// IdP sent no `active`, and a filter must see what the resource shows (there is no index on it anyway).
// Everything else comes from the jsonb `attributes` (extensions under their schema URN). Values and attribute
// names are always parameters; only fixed identifiers of this file are spliced into the text.
//
// Attributes that are not stored in `attributes`:
// - meta.resourceType, meta.version (W/"<version>"), meta.location and $ref (these two need options.baseUrl);
// - Group `members`: the group's DirectoryMembership rows; value = member id, type = "User" / "Group", display =
//   the user's displayName else its userName, or the group's displayName (as group-members.ts renders them);
// - User `groups` (RFC 7643 §4.1.2: "either through direct membership, through nested groups"): every group that
//   contains the user directly or through nested groups (recursive CTE; UNION makes cycles terminate); value =
//   group id, display = its displayName, type = "direct" when the user is a direct member, else "indirect" (as
//   user-groups.ts renders them);
// - `schemas`: the core schema, plus each extension whose object holds a non-null value (as rendered).
//
// Assumed of the writers: stored resources follow the schema (lib/scim/resource-input); "emailKeys" holds the
// lower-cased, trimmed or untrimmed, emails[].value; "userNameKey" / "displayNameKey" the lower-cased name,
// trimmed or not; the userName and externalId columns the resource's values.

import { Prisma } from "@/lib/generated/prisma/client";
import { invalidFilter } from "@/lib/scim/errors";
import { normaliseDateTime, type AttrRef, type CompareNode, type FilterNode, type ValuePathNode } from "@/lib/scim/filter";
import { registry as defaultRegistry, type ResourceTypeName, type ScimRegistry } from "@/lib/scim/schema/registry";
import type { AttributeDefinition } from "@/lib/scim/schema/types";

type Sql = Prisma.Sql;

export interface FilterSqlOptions {
  /** The SCIM base URL ("https://host/scim/v2"); only needed for meta.location and $ref. */
  baseUrl?: string;
  /** Resource types and their extensions (for `schemas`); lib/scim's registry by default. */
  registry?: ScimRegistry;
}

const TRUE = Prisma.sql`TRUE`;
const FALSE = Prisma.sql`FALSE`;

// ---------------------------------------------------------------------------------------------------------------
// SQL building blocks, shared with sort-sql.ts.

/** A table alias as a quoted identifier; only plain identifiers are accepted. */
export function quoteAlias(alias: string): Sql {
  // Aliases starting with "_" are kept for the subqueries of filter-sql.ts and sort-sql.ts.
  if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(alias)) throw new Error(`Invalid SQL alias ${JSON.stringify(alias)}`);
  return Prisma.raw(`"${alias}"`);
}

/** `alias."column"` for a column name written in this module. */
export function column(alias: Sql, name: string): Sql {
  return Prisma.sql`${alias}.${Prisma.raw(`"${name}"`)}`;
}

/**
 * Case folding as JavaScript's toLowerCase, as a "C"-collated text (code point order). scim_fold() is created by
 * a migration with the best collation the server has: pg_unicode_fast (PostgreSQL 18, as embedded: full case
 * mapping; the 28 letters Unicode 17 added stay as they are), else ICU's root locale, else plain lower() (ASCII
 * only in a "C" database) — so the same queries run on any PostgreSQL a DATABASE_URL points at.
 */
export function foldSql(text: Sql): Sql {
  return Prisma.sql`(scim_fold(${text}) COLLATE "C")`;
}

/** The text of a jsonb string, number or boolean (as the evaluator's String(value)); NULL otherwise. */
export function jsonTextSql(value: Sql): Sql {
  return Prisma.sql`(CASE WHEN jsonb_typeof(${value}) IN ('string', 'number', 'boolean') THEN ${value} #>> '{}' END)`;
}

function jsonStringSql(value: Sql): Sql {
  return Prisma.sql`(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${value} #>> '{}' END)`;
}

/** A jsonb number as numeric (never raises); NULL for anything else. */
export function jsonNumberSql(value: Sql): Sql {
  return Prisma.sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::numeric END)`;
}

export function jsonBooleanSql(value: Sql): Sql {
  return Prisma.sql`(CASE WHEN jsonb_typeof(${value}) = 'boolean' THEN (${value})::boolean END)`;
}

// xsd:dateTime as lib/scim/filter/datetime.ts accepts it (field ranges by pattern, days in month by
// scim_timestamptz), fractions truncated to milliseconds, a missing zone read as UTC.
const XSD_DATE_TIME = Prisma.raw(
  `'^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$'`,
);

/** A text holding an xsd:dateTime as timestamptz; NULL when it is not one (never raises). */
export function instantSql(text: Sql): Sql {
  const normalised = Prisma.sql`(regexp_replace(${text}, '^(.{19})(\\.[0-9]{1,3})?[0-9]*', '\\1\\2') || CASE WHEN ${text} ~ '(Z|[+-][0-9]{2}:[0-9]{2})$' THEN '' ELSE 'Z' END)`;
  // scim_timestamptz() (a migration) casts or answers NULL, on any PostgreSQL version (pg_input_is_valid needs 16).
  return Prisma.sql`(CASE WHEN ${text} ~ ${XSD_DATE_TIME} THEN scim_timestamptz(${normalised}) END)`;
}

/** The string value of a jsonb dateTime attribute as an instant. */
export function jsonInstantSql(value: Sql): Sql {
  return instantSql(jsonStringSql(value));
}

/** isPresent() of lib/scim/filter/evaluate.ts: somewhere inside, a non-null scalar that is not "". */
export function jsonPresentSql(value: Sql): Sql {
  return Prisma.sql`COALESCE(jsonb_path_exists(${value}, 'strict $.** ? (@.type() == "boolean" || @.type() == "number" || (@.type() == "string" && @ != ""))', '{}', TRUE), FALSE)`;
}

/** The elements of a jsonb array; a lone value counts as one element (as the evaluator flattens). Never raises. */
export function jsonElementsSql(value: Sql): Sql {
  return Prisma.sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} ELSE jsonb_build_array(${value}) END)`;
}

export function jsonGet(value: Sql, key: string): Sql {
  return Prisma.sql`(${value} -> ${key}::text)`;
}

/** The text of the SCIM base URL followed by `/Users/` etc. */
function refPrefix(options: FilterSqlOptions, endpoint: string, what: string): string {
  if (options.baseUrl === undefined) throw invalidFilter(`Filtering on ${what} is not supported`);
  return `${options.baseUrl.replace(/\/+$/, "")}/${endpoint}/`;
}

const LIKE_SPECIAL = /[\\%_]/g;
function likeEscape(text: string): string {
  return text.replace(LIKE_SPECIAL, (c) => `\\${c}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const ORDER_OPERATORS = { eq: "=", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;
type OrderOp = keyof typeof ORDER_OPERATORS;
function operator(op: OrderOp): Sql {
  return Prisma.raw(ORDER_OPERATORS[op]);
}

function and(parts: Sql[]): Sql {
  return parts.length === 0 ? TRUE : parts.length === 1 && parts[0] ? parts[0] : Prisma.sql`(${Prisma.join(parts, " AND ")})`;
}

function or(parts: Sql[]): Sql {
  return parts.length === 0 ? FALSE : parts.length === 1 && parts[0] ? parts[0] : Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

function not(part: Sql): Sql {
  return Prisma.sql`(NOT ${part})`;
}

// ---------------------------------------------------------------------------------------------------------------
// The value model: what one value of an attribute is in SQL, and how the values of an attribute are reached.

/** One value. Every `sql` here may be evaluated any number of times. */
type Scalar =
  /** A jsonb value; SQL NULL when absent. */
  | { kind: "json"; sql: Sql }
  /** A text; `key` is a lower-cased key column for index pre-filters (userNameKey, displayNameKey). */
  | { kind: "text"; sql: Sql; nullable: boolean; key?: Sql }
  /** An id: its text is the lower-case UUID; equality goes through the uuid columns (one of them holds it). */
  | { kind: "uuid"; text: Sql; columns: { sql: Sql; nullable: boolean }[] }
  /** A NOT NULL timestamptz column. */
  | { kind: "time"; sql: Sql };

/** The values of a simple attribute: none, at most one, or any number (a test matches when one value passes). */
type Values = { kind: "none" } | { kind: "one"; value: Scalar } | { kind: "many"; any: (test: (value: Scalar) => Sql) => Sql };

/** One value of a complex attribute. */
interface Element {
  sub(name: string): Values;
  /** isPresent(element). */
  present: Sql;
  /** The evaluator only looks into objects. */
  isObject: Sql;
}

type Complex = { kind: "none" } | { kind: "one"; element: Element } | { kind: "many"; any: (test: (element: Element) => Sql) => Sql; present: Sql };

function anyOf(values: Values, test: (value: Scalar) => Sql): Sql {
  switch (values.kind) {
    case "none":
      return FALSE;
    case "one":
      return test(values.value);
    case "many":
      return values.any(test);
  }
}

function subValues(complex: Complex, name: string): Values {
  switch (complex.kind) {
    case "none":
      return complex;
    case "one":
      return complex.element.sub(name);
    case "many":
      return { kind: "many", any: (test) => complex.any((element) => anyOf(element.sub(name), test)) };
  }
}

/** Generates the aliases of subqueries. */
class Aliases {
  private n = 0;
  next(): Sql {
    this.n += 1;
    return Prisma.raw(`"_f${this.n}"`);
  }
}

function jsonMany(value: Sql, aliases: Aliases): Values {
  return {
    kind: "many",
    any: (test) => {
      const e = aliases.next();
      return Prisma.sql`EXISTS (SELECT 1 FROM ${jsonElementsSql(value)} AS ${e}(v) WHERE ${test({ kind: "json", sql: Prisma.sql`${e}.v` })})`;
    },
  };
}

function subDefinition(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  return parent.subAttributes?.find((sub) => sub.name === name);
}

function jsonElement(value: Sql, definition: AttributeDefinition, aliases: Aliases): Element {
  return {
    sub: (name) => {
      const inner = jsonGet(value, name);
      return subDefinition(definition, name)?.multiValued ? jsonMany(inner, aliases) : { kind: "one", value: { kind: "json", sql: inner } };
    },
    present: jsonPresentSql(value),
    isObject: Prisma.sql`COALESCE(jsonb_typeof(${value}) = 'object', FALSE)`,
  };
}

function jsonComplex(base: Sql, definition: AttributeDefinition, aliases: Aliases): Complex {
  const value = jsonGet(base, definition.name);
  if (!definition.multiValued) return { kind: "one", element: jsonElement(value, definition, aliases) };
  return {
    kind: "many",
    any: (test) => {
      const e = aliases.next();
      return Prisma.sql`EXISTS (SELECT 1 FROM ${jsonElementsSql(value)} AS ${e}(v) WHERE ${test(jsonElement(Prisma.sql`${e}.v`, definition, aliases))})`;
    },
    // isPresent of the flattened elements is isPresent of the array.
    present: jsonPresentSql(value),
  };
}

/** The values of a (sub-)attribute stored in jsonb under `base`. */
function jsonValues(base: Sql, attr: AttrRef, aliases: Aliases): Values {
  const { resolved } = attr;
  const [top, sub] = attr.path;
  if (top === undefined) return { kind: "none" };
  if (sub === undefined) {
    const value = jsonGet(base, top);
    return resolved.definition.multiValued ? jsonMany(value, aliases) : { kind: "one", value: { kind: "json", sql: value } };
  }
  const parent = resolved.parent;
  if (!parent) return { kind: "none" };
  return subValues(jsonComplex(base, parent, aliases), sub);
}

// ---------------------------------------------------------------------------------------------------------------
// Comparisons of one value (the evaluator's `test`). Each returns TRUE or FALSE, never NULL.

interface StringTarget {
  sql: Sql;
  nullable: boolean;
  /** COALESCE rather than IS NOT NULL (for computed texts whose NULL is not only "absent"). */
  computed: boolean;
  key?: Sql;
}

/** The lower-cased key columns hold toLowerCase() of the value, trimmed (lib/users/user-name.ts) or not. */
function keyCandidates(operand: string): Sql {
  const lower = operand.toLowerCase();
  const candidates = [...new Set([lower, lower.trim()])];
  return Prisma.sql`ARRAY[${Prisma.join(candidates.map((c) => Prisma.sql`${c}::text`))}]`;
}

function stringTest(target: StringTarget, caseExact: boolean, op: CompareNode["op"], value: string): Sql {
  if (LONE_SURROGATE.test(value)) throw invalidFilter("Invalid filter: a string value contains an unpaired surrogate (a \\uD800-\\uDFFF escape)");
  let operand = value;
  let orderOp: OrderOp | undefined = op === "eq" || op === "gt" || op === "ge" || op === "lt" || op === "le" ? op : undefined;
  const nul = operand.indexOf("\u0000");
  if (nul >= 0) {
    // Stored texts cannot contain U+0000, so nothing equals or contains the value, and it orders like its prefix.
    if (orderOp === undefined || orderOp === "eq") return FALSE;
    operand = operand.slice(0, nul);
    orderOp = orderOp === "gt" || orderOp === "ge" ? "gt" : "le";
  }
  // Both sides are folded by the same function (the escapes and wildcards of a pattern have no case and do not
  // change a final sigma's context), so a value always matches itself.
  const fold = (text: Sql) => (caseExact ? Prisma.sql`(${text} COLLATE "C")` : foldSql(text));
  let test: Sql;
  let prefilter: Sql | undefined;
  if (orderOp === "eq" && caseExact) {
    // Equality does not depend on the collation; without COLLATE the column's index serves it (externalId).
    test = Prisma.sql`${target.sql} = ${operand}::text`;
  } else if (orderOp !== undefined) {
    test = Prisma.sql`${fold(target.sql)} ${operator(orderOp)} ${fold(Prisma.sql`${operand}::text`)}`;
    if (orderOp === "eq" && target.key) prefilter = Prisma.sql`${target.key} = ANY(${keyCandidates(operand)})`;
  } else {
    const escaped = likeEscape(operand);
    const pattern = op === "co" ? `%${escaped}%` : op === "sw" ? `${escaped}%` : op === "ew" ? `%${escaped}` : undefined;
    if (pattern === undefined) return FALSE;
    test = Prisma.sql`${fold(target.sql)} LIKE ${fold(Prisma.sql`${pattern}::text`)} ESCAPE '\\'`;
    if (op === "sw" && target.key) {
      const lower = operand.toLowerCase();
      const keys = [...new Set([lower, lower.trim()])].map((k) => Prisma.sql`${target.key} LIKE ${`${likeEscape(k)}%`}::text ESCAPE '\\'`);
      prefilter = or(keys);
    }
  }
  const exact = prefilter ? and([prefilter, test]) : test;
  if (!target.nullable) return exact;
  return target.computed ? Prisma.sql`COALESCE(${exact}, FALSE)` : Prisma.sql`(${target.sql} IS NOT NULL AND ${exact})`;
}

function uuidEquals(value: Extract<Scalar, { kind: "uuid" }>, operand: string): Sql {
  if (!CANONICAL_UUID.test(operand)) return FALSE;
  return or(value.columns.map((c) => (c.nullable ? Prisma.sql`(${c.sql} IS NOT NULL AND ${c.sql} = ${operand}::uuid)` : Prisma.sql`(${c.sql} = ${operand}::uuid)`)));
}

/** One value against the node (whose op is not `ne`). */
function testValue(value: Scalar, node: CompareNode): Sql {
  const { attr, op } = node;
  const operand = node.value;
  switch (attr.type) {
    case "boolean": {
      if (op !== "eq" || typeof operand !== "boolean") return FALSE;
      if (value.kind === "json") return Prisma.sql`COALESCE(${value.sql} = ${JSON.stringify(operand)}::jsonb, FALSE)`;
      return FALSE;
    }
    case "integer":
    case "decimal": {
      if (typeof operand !== "number" || op === "ne" || op === "co" || op === "sw" || op === "ew") return FALSE;
      if (value.kind !== "json") return FALSE;
      return Prisma.sql`COALESCE(${jsonNumberSql(value.sql)} ${operator(op)} ${String(operand)}::numeric, FALSE)`;
    }
    case "dateTime": {
      const instant = typeof operand === "string" ? normaliseDateTime(operand) : undefined;
      if (instant === undefined || op === "ne" || op === "co" || op === "sw" || op === "ew") return FALSE;
      const right = Prisma.sql`${instant}::timestamptz`;
      if (value.kind === "time") return Prisma.sql`(${value.sql} ${operator(op)} ${right})`;
      if (value.kind === "json") return Prisma.sql`COALESCE(${jsonInstantSql(value.sql)} ${operator(op)} ${right}, FALSE)`;
      if (value.kind === "text") return Prisma.sql`COALESCE(${instantSql(value.sql)} ${operator(op)} ${right}, FALSE)`;
      return FALSE;
    }
    default: {
      if (typeof operand !== "string") return FALSE;
      switch (value.kind) {
        case "json":
          return stringTest({ sql: jsonTextSql(value.sql), nullable: true, computed: true }, attr.caseExact, op, operand);
        case "text":
          return stringTest({ sql: value.sql, nullable: value.nullable, computed: false, ...(value.key ? { key: value.key } : {}) }, attr.caseExact, op, operand);
        case "uuid":
          if (op === "eq") return uuidEquals(value, attr.caseExact ? operand : operand.toLowerCase());
          return stringTest({ sql: value.text, nullable: true, computed: false }, attr.caseExact, op, operand);
        default:
          return FALSE;
      }
    }
  }
}

function presentValue(value: Scalar): Sql {
  switch (value.kind) {
    case "json":
      return jsonPresentSql(value.sql);
    case "text":
      return value.nullable ? Prisma.sql`(${value.sql} IS NOT NULL AND ${value.sql} <> '')` : Prisma.sql`(${value.sql} <> '')`;
    default:
      return TRUE;
  }
}

function presentComplex(complex: Complex): Sql {
  switch (complex.kind) {
    case "none":
      return FALSE;
    case "one":
      return complex.element.present;
    case "many":
      return complex.present;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Where attributes live.

interface Env {
  values(attr: AttrRef): Values;
  complex(attr: AttrRef): Complex;
  /** An index pre-filter implied by a comparison or value path (AND-ed with the exact condition). */
  prefilter?(node: CompareNode | ValuePathNode): Sql | undefined;
  /** A cheaper exact translation of a node, when there is one. */
  shortcut?(node: CompareNode | ValuePathNode): Sql | undefined;
}

interface Scope {
  element?: Element;
  prefix: number;
}

function memberElement(m: Sql, options: FilterSqlOptions, aliases: Aliases): Element {
  const userId = column(m, "memberUserId");
  const groupId = column(m, "memberGroupId");
  const idText = Prisma.sql`COALESCE(${userId}, ${groupId})::text`;
  return {
    sub: (name): Values => {
      switch (name) {
        case "value":
          return {
            kind: "one",
            value: { kind: "uuid", text: idText, columns: [{ sql: userId, nullable: true }, { sql: groupId, nullable: true }] },
          };
        case "type":
          return { kind: "one", value: { kind: "text", sql: Prisma.sql`(CASE WHEN ${userId} IS NOT NULL THEN 'User' ELSE 'Group' END)`, nullable: false } };
        case "display": {
          const u = aliases.next();
          const g = aliases.next();
          const sql = Prisma.sql`COALESCE((SELECT ${userDisplaySql(u)} FROM "DirectoryUser" ${u} WHERE ${u}.id = ${userId}), (SELECT ${g}."displayName" FROM "DirectoryGroup" ${g} WHERE ${g}.id = ${groupId}))`;
          return { kind: "one", value: { kind: "text", sql, nullable: true } };
        }
        case "$ref": {
          const users = refPrefix(options, "Users", "members.$ref");
          const groups = refPrefix(options, "Groups", "members.$ref");
          const sql = Prisma.sql`((CASE WHEN ${userId} IS NOT NULL THEN ${users}::text ELSE ${groups}::text END) || ${idText})`;
          return { kind: "one", value: { kind: "text", sql, nullable: true } };
        }
        default:
          return { kind: "none" };
      }
    },
    present: TRUE,
    isObject: TRUE,
  };
}

/** How a member user is displayed (as group-members.ts renders it): its displayName, else its userName. */
export function userDisplaySql(user: Sql): Sql {
  return Prisma.sql`COALESCE(${column(user, "attributes")} ->> 'displayName', ${column(user, "userName")})`;
}

function resourceEnv(type: ResourceTypeName, a: Sql, options: FilterSqlOptions, aliases: Aliases): Env {
  const registry = options.registry ?? defaultRegistry;
  const resourceType = registry.resourceType(type);
  const attributes = column(a, "attributes");
  const id = column(a, "id");
  const accountId = column(a, "accountId");
  const endpoint = resourceType.endpoint.replace(/^\//, "");

  const meta: Element = {
    sub: (name): Values => {
      switch (name) {
        case "created":
          return { kind: "one", value: { kind: "time", sql: column(a, "createdAt") } };
        case "lastModified":
          return { kind: "one", value: { kind: "time", sql: column(a, "updatedAt") } };
        case "resourceType":
          return { kind: "one", value: { kind: "text", sql: Prisma.sql`${type}::text`, nullable: false } };
        case "version":
          return { kind: "one", value: { kind: "text", sql: Prisma.sql`('W/"' || ${column(a, "version")}::text || '"')`, nullable: false } };
        case "location":
          return { kind: "one", value: { kind: "text", sql: Prisma.sql`(${refPrefix(options, endpoint, "meta.location")}::text || ${id}::text)`, nullable: false } };
        default:
          return { kind: "none" };
      }
    },
    present: TRUE,
    isObject: TRUE,
  };

  const membersOf = (test: (m: Sql) => Sql) => {
    const m = aliases.next();
    return Prisma.sql`EXISTS (SELECT 1 FROM "DirectoryMembership" ${m} WHERE ${m}."accountId" = ${accountId} AND ${m}."groupId" = ${id} AND ${test(m)})`;
  };
  const members: Complex = {
    kind: "many",
    any: (test) => membersOf((m) => test(memberElement(m, options, aliases))),
    present: membersOf(() => TRUE),
  };

  const groups: Complex = {
    kind: "many",
    any: (test) => {
      const [closure, x, g, m1, m2, c] = [aliases.next(), aliases.next(), aliases.next(), aliases.next(), aliases.next(), aliases.next()];
      const element: Element = {
        sub: (name): Values => {
          switch (name) {
            case "value":
              return { kind: "one", value: { kind: "uuid", text: Prisma.sql`${x}.gid::text`, columns: [{ sql: Prisma.sql`${x}.gid`, nullable: false }] } };
            case "display":
              return { kind: "one", value: { kind: "text", sql: Prisma.sql`${g}."displayName"`, nullable: false } };
            case "type":
              return { kind: "one", value: { kind: "text", sql: Prisma.sql`(CASE WHEN ${x}.direct THEN 'direct' ELSE 'indirect' END)`, nullable: false } };
            case "$ref":
              return { kind: "one", value: { kind: "text", sql: Prisma.sql`(${refPrefix(options, "Groups", "groups.$ref")}::text || ${x}.gid::text)`, nullable: false } };
            default:
              return { kind: "none" };
          }
        },
        present: TRUE,
        isObject: TRUE,
      };
      return Prisma.sql`EXISTS (WITH RECURSIVE ${closure}(gid, direct) AS (
        SELECT ${m1}."groupId", TRUE FROM "DirectoryMembership" ${m1} WHERE ${m1}."accountId" = ${accountId} AND ${m1}."memberUserId" = ${id}
        UNION
        SELECT ${m2}."groupId", FALSE FROM "DirectoryMembership" ${m2} JOIN ${closure} ${c} ON ${m2}."memberGroupId" = ${c}.gid WHERE ${m2}."accountId" = ${accountId}
      ) SELECT 1 FROM (SELECT gid, bool_or(direct) AS direct FROM ${closure} GROUP BY gid) ${x}
        JOIN "DirectoryGroup" ${g} ON ${g}.id = ${x}.gid AND ${g}."accountId" = ${accountId}
        WHERE ${test(element)})`;
    },
    present: (() => {
      const m = aliases.next();
      return Prisma.sql`EXISTS (SELECT 1 FROM "DirectoryMembership" ${m} WHERE ${m}."accountId" = ${accountId} AND ${m}."memberUserId" = ${id})`;
    })(),
  };

  const schemas: Values = {
    kind: "many",
    any: (test) => {
      const s = aliases.next();
      const urns = [
        Prisma.sql`${resourceType.schema}::text`,
        ...resourceType.schemaExtensions.map(({ schema }) => {
          const urn = registry.schema(schema)?.id ?? schema;
          const object = jsonGet(attributes, urn);
          return Prisma.sql`(CASE WHEN jsonb_typeof(${object}) = 'object' AND jsonb_strip_nulls(${object}) <> '{}'::jsonb THEN ${urn}::text END)`;
        }),
      ];
      return Prisma.sql`EXISTS (SELECT 1 FROM unnest(ARRAY[${Prisma.join(urns)}]) AS ${s}(v) WHERE ${test({ kind: "text", sql: Prisma.sql`${s}.v`, nullable: true })})`;
    },
  };

  /** The promoted or computed attributes; undefined for those stored in `attributes`. */
  const computed = (name: string): { values?: Values; complex?: Complex } | undefined => {
    switch (name) {
      case "id":
        return { values: { kind: "one", value: { kind: "uuid", text: Prisma.sql`${id}::text`, columns: [{ sql: id, nullable: false }] } } };
      case "externalId":
        return { values: { kind: "one", value: { kind: "text", sql: column(a, "externalId"), nullable: true } } };
      case "meta":
        return { complex: { kind: "one", element: meta } };
      case "schemas":
        return { values: schemas };
      case "userName":
        return type === "User" ? { values: { kind: "one", value: { kind: "text", sql: column(a, "userName"), nullable: false, key: column(a, "userNameKey") } } } : undefined;
      case "groups":
        return type === "User" ? { complex: groups } : undefined;
      case "displayName":
        return type === "Group" ? { values: { kind: "one", value: { kind: "text", sql: column(a, "displayName"), nullable: false, key: column(a, "displayNameKey") } } } : undefined;
      case "members":
        return type === "Group" ? { complex: members } : undefined;
      default:
        return undefined;
    }
  };

  const isEmailsValue = (attr: AttrRef) => type === "User" && !attr.extension && attr.path[0] === "emails";

  return {
    values(attr) {
      const [top, sub] = attr.path;
      const special = attr.extension || top === undefined ? undefined : computed(top);
      if (!special) return jsonValues(attr.extension ? jsonGet(attributes, attr.schema) : attributes, attr, aliases);
      if (sub === undefined) return special.values ?? { kind: "none" };
      return special.complex ? subValues(special.complex, sub) : { kind: "none" };
    },
    complex(attr) {
      const [top] = attr.path;
      const special = attr.extension || top === undefined ? undefined : computed(top);
      if (special) return special.complex ?? { kind: "none" };
      return jsonComplex(attr.extension ? jsonGet(attributes, attr.schema) : attributes, attr.resolved.definition, aliases);
    },
    prefilter(node) {
      // "emailKeys" holds the lower-cased (and trimmed) emails[].value: `value eq x` implies that it holds one of
      // keyCandidates(x) (GIN index).
      if (!isEmailsValue(node.attr)) return undefined;
      const leaves = node.kind === "compare" ? [node] : node.filter.kind === "and" ? node.filter.children : [node.filter];
      const emailKeys = column(a, "emailKeys");
      const conditions = leaves.flatMap((leaf) =>
        leaf.kind === "compare" && leaf.op === "eq" && leaf.attr.path[1] === "value" && typeof leaf.value === "string" && !leaf.value.includes("\u0000")
          ? [Prisma.sql`${emailKeys} && ${keyCandidates(leaf.value)}`]
          : [],
      );
      return conditions.length === 0 ? undefined : and([Prisma.sql`${emailKeys} IS NOT NULL`, ...conditions]);
    },
    shortcut(node) {
      // `groups.value eq "<id>"`: the users in the group or in the groups nested in it, computed once.
      if (type !== "User" || node.attr.extension || node.attr.path[0] !== "groups") return undefined;
      const leaf = node.kind === "compare" ? node : node.filter;
      if (leaf.kind !== "compare" || leaf.op !== "eq" || leaf.attr.path[1] !== "value" || typeof leaf.value !== "string") return undefined;
      const groupId = leaf.attr.caseExact ? leaf.value : leaf.value.toLowerCase();
      if (!CANONICAL_UUID.test(groupId)) return FALSE;
      const [nested, g, m1, d1, m2, d2] = [aliases.next(), aliases.next(), aliases.next(), aliases.next(), aliases.next(), aliases.next()];
      // The group's account, computed once (an InitPlan), keeps the subquery uncorrelated and on the indexes.
      const account = Prisma.sql`(SELECT ${g}."accountId" FROM "DirectoryGroup" ${g} WHERE ${g}.id = ${groupId}::uuid)`;
      return Prisma.sql`(${id} IN (WITH RECURSIVE ${nested}(gid) AS (
        SELECT ${groupId}::uuid
        UNION
        SELECT ${m1}."memberGroupId" FROM "DirectoryMembership" ${m1} JOIN ${nested} ${d1} ON ${m1}."groupId" = ${d1}.gid WHERE ${m1}."accountId" = ${account} AND ${m1}."memberGroupId" IS NOT NULL
      ) SELECT ${m2}."memberUserId" FROM "DirectoryMembership" ${m2} JOIN ${nested} ${d2} ON ${m2}."groupId" = ${d2}.gid WHERE ${m2}."accountId" = ${account} AND ${m2}."memberUserId" IS NOT NULL))`;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The translation.

function leafValues(attr: AttrRef, env: Env, scope: Scope): Values {
  if (scope.element && attr.path.length > scope.prefix) {
    const name = attr.path[scope.prefix];
    return name === undefined ? { kind: "none" } : scope.element.sub(name);
  }
  return env.values(attr);
}

function compile(node: FilterNode, env: Env, scope: Scope): Sql {
  switch (node.kind) {
    case "and":
      return and(node.children.map((child) => compile(child, env, scope)));
    case "or":
      return or(node.children.map((child) => compile(child, env, scope)));
    case "not":
      return not(compile(node.child, env, scope));
    case "present": {
      const inScope = scope.element !== undefined && node.attr.path.length > scope.prefix;
      if (!inScope && node.attr.path.length === 1 && node.attr.type === "complex") return presentComplex(env.complex(node.attr));
      return anyOf(leafValues(node.attr, env, scope), presentValue);
    }
    case "compare": {
      // ne is the negation of eq (see the evaluator): NOT (some value equals).
      const eq: CompareNode = node.op === "ne" ? { ...node, op: "eq" } : node;
      const topLevel = scope.element === undefined;
      let exact = topLevel ? env.shortcut?.(eq) : undefined;
      if (!exact) {
        const matches = anyOf(leafValues(node.attr, env, scope), (value) => testValue(value, eq));
        const prefilter = topLevel ? env.prefilter?.(eq) : undefined;
        exact = prefilter ? and([prefilter, matches]) : matches;
      }
      return node.op === "ne" ? not(exact) : exact;
    }
    case "valuePath": {
      const shortcut = env.shortcut?.(node);
      if (shortcut) return shortcut;
      const complex = env.complex(node.attr);
      const prefix = node.attr.path.length;
      const inner = (element: Element) => and([element.isObject, compile(node.filter, env, { element, prefix })]);
      const matches = complex.kind === "none" ? FALSE : complex.kind === "one" ? inner(complex.element) : complex.any(inner);
      const prefilter = env.prefilter?.(node);
      return prefilter ? and([prefilter, matches]) : matches;
    }
  }
}

/**
 * The filter as a boolean SQL expression over the row `alias` of "DirectoryUser" (type User) or "DirectoryGroup"
 * (type Group). It does not bound the account: the caller adds `alias."accountId" = ...`.
 */
export function filterToSql(type: "User" | "Group", node: FilterNode, alias: string, options: FilterSqlOptions = {}): Prisma.Sql {
  const env = resourceEnv(type, quoteAlias(alias), options, new Aliases());
  return compile(node, env, { prefix: 0 });
}

/**
 * A PATCH `removeMatching` filter (the inside of `members[...]`, every leaf a `members` sub-attribute) as a
 * boolean SQL expression over the "DirectoryMembership" row `membershipAlias`: TRUE for the members to remove.
 * The caller bounds the rows to one group (and its account).
 */
export function memberFilterToSql(node: FilterNode, membershipAlias: string, options: FilterSqlOptions = {}): Prisma.Sql {
  const aliases = new Aliases();
  const element = memberElement(quoteAlias(membershipAlias), options, aliases);
  const check = (attr: AttrRef) => {
    if (attr.extension || attr.path[0] !== "members") throw invalidFilter(`Invalid filter: only "members" sub-attributes can select members, not "${attr.path.join(".")}"`);
  };
  const env: Env = {
    values(attr) {
      check(attr);
      const [, sub] = attr.path;
      return sub === undefined ? { kind: "none" } : element.sub(sub);
    },
    complex(attr) {
      check(attr);
      return { kind: "one", element };
    },
  };
  return compile(node, env, { prefix: 0 });
}
