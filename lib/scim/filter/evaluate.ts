// In-memory evaluation of a parsed filter against one resource (RFC 7644 §3.4.2.2 semantics). Used for PATCH
// value filters and as the reference the SQL translation is tested against; list queries never filter rows in
// memory.
//
// Semantics, including the choices the RFC leaves open (the SQL translation must follow the same):
// - Strings compare case-insensitively (String.prototype.toLowerCase on both sides) unless the attribute is
//   caseExact (RFC 7643 §2.2); gt/ge/lt/le on strings compare UTF-16 code units of the (folded) strings, i.e.
//   the "C" collation.
// - dateTime values compare as instants; a stored value that is not a valid xsd:dateTime matches nothing.
// - Integer and decimal values compare numerically; booleans only with eq/ne.
// - A multi-valued attribute (or a sub-attribute of one) matches when ANY of its values matches (§3.4.2.2).
// - `pr`: at least one value that is not null, not "", not [] and, for complex values, has at least one
//   present sub-attribute (§3.4.2.2: "a non-empty value, or ... a non-empty node for complex attributes").
// - `ne` is the negation of `eq`: it matches when NO value equals the operand, including when the attribute
//   is absent. (For `userType ne "Employee"`, a user without a userType is indeed not an employee; the literal
//   "any value differs" reading would make `emails.value ne "a"` true for a user who has "a" among others.)
// - `attr[filter]` matches when one value of `attr` satisfies the whole inner filter.

import type { AttrRef, CompareNode, FilterNode, FilterValue } from "./ast";
import { parseDateTime } from "./datetime";

/** A resource in its stored shape (plus `id`, `meta`, `schemas` when the caller has them). */
export type FilterTarget = Readonly<Record<string, unknown>>;

type Obj = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Scope {
  /** The valuePath element being tested, and the length of the valuePath attribute's path. */
  element?: Obj;
  prefix: number;
}

/** True when `resource` satisfies `node`. */
export function matchesFilter(resource: FilterTarget, node: FilterNode): boolean {
  return evaluate(resource, node, { prefix: 0 });
}

/** True when one value of a complex attribute (an element of `emails`, say) satisfies a value-path filter. */
export function matchesValueFilter(element: unknown, node: FilterNode, prefix: number): boolean {
  return isObject(element) && evaluate({}, node, { element, prefix });
}

function evaluate(resource: FilterTarget, node: FilterNode, scope: Scope): boolean {
  switch (node.kind) {
    case "and":
      return node.children.every((child) => evaluate(resource, child, scope));
    case "or":
      return node.children.some((child) => evaluate(resource, child, scope));
    case "not":
      return !evaluate(resource, node.child, scope);
    case "present":
      return valuesOf(resource, node.attr, scope).some(isPresent);
    case "compare":
      return compare(valuesOf(resource, node.attr, scope), node);
    case "valuePath": {
      const prefix = node.attr.path.length;
      return valuesOf(resource, node.attr, scope).some((element) => isObject(element) && evaluate(resource, node.filter, { element, prefix }));
    }
  }
}

function lookup(obj: Obj, key: string): unknown {
  if (Object.hasOwn(obj, key)) return obj[key];
  // Stored resources use canonical names; a caller-supplied id/meta/schemas is looked up the same way.
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** Every value at the attribute's path, multi-valued attributes flattened. */
export function valuesOf(resource: FilterTarget, attr: AttrRef, scope: Scope = { prefix: 0 }): unknown[] {
  let base: unknown;
  let names: string[];
  if (scope.element && attr.path.length > scope.prefix) {
    base = scope.element;
    names = attr.path.slice(scope.prefix);
  } else if (attr.extension) {
    base = lookup(resource, attr.schema);
    names = attr.path;
  } else {
    base = resource;
    names = attr.path;
    if (names.length === 1 && names[0] === "schemas" && !Array.isArray(lookup(resource, "schemas"))) {
      // The stored shape has no `schemas`: derive it (core schema plus the extension objects present).
      return [attr.schema, ...Object.keys(resource).filter((k) => k.toLowerCase().startsWith("urn:") && isObject(resource[k]))];
    }
  }
  let current: unknown[] = [base];
  for (const name of names) {
    const next: unknown[] = [];
    for (const value of current) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (!isObject(item)) continue;
        const child = lookup(item, name);
        if (child !== undefined && child !== null) next.push(child);
      }
    }
    current = next;
  }
  return current.flatMap((value) => (Array.isArray(value) ? (value as unknown[]) : [value]));
}

export function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isObject(value)) return Object.values(value).some(isPresent);
  return true;
}

function compare(values: unknown[], node: CompareNode): boolean {
  if (node.op === "ne") return !values.some((value) => test(value, { ...node, op: "eq" }));
  return values.some((value) => test(value, node));
}

function asInstant(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  return typeof value === "string" ? parseDateTime(value) : undefined;
}

function order(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One stored value against the node's operand. */
function test(value: unknown, node: CompareNode): boolean {
  const { attr, op } = node;
  const operand: FilterValue = node.value;
  let left: string | number;
  let right: string | number;
  switch (attr.type) {
    case "boolean":
      if (typeof value !== "boolean" || typeof operand !== "boolean") return false;
      return op === "eq" ? value === operand : false;
    case "integer":
    case "decimal":
      if (typeof value !== "number" || typeof operand !== "number") return false;
      left = value;
      right = operand;
      break;
    case "dateTime": {
      const l = asInstant(value);
      const r = typeof operand === "string" ? parseDateTime(operand) : undefined;
      if (l === undefined || r === undefined) return false;
      left = l;
      right = r;
      break;
    }
    default: {
      if (typeof operand !== "string") return false;
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return false;
      const text = String(value);
      left = attr.caseExact ? text : text.toLowerCase();
      right = attr.caseExact ? operand : operand.toLowerCase();
      break;
    }
  }
  switch (op) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "co":
      return typeof left === "string" && typeof right === "string" && left.includes(right);
    case "sw":
      return typeof left === "string" && typeof right === "string" && left.startsWith(right);
    case "ew":
      return typeof left === "string" && typeof right === "string" && left.endsWith(right);
    case "gt":
      return order(left, right) > 0;
    case "ge":
      return order(left, right) >= 0;
    case "lt":
      return order(left, right) < 0;
    case "le":
      return order(left, right) <= 0;
  }
}
