// Value comparison and multi-valued attribute helpers for the PATCH engine.
import { invalidValue } from "../errors";
import { parseDateTime, type FilterNode, type FilterValue } from "../filter";
import { isJsonObject } from "../json";
import type { AttributeDefinition } from "../schema/types";

/** Deep JSON equality, insensitive to object key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === otherKeys.length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Equality under the attribute's rules: caseExact for strings (RFC 7643 §2.2), instants for dateTime. */
export function valuesEqual(definition: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (definition.multiValued) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const single = { ...definition, multiValued: false };
    return a.every((item, i) => valuesEqual(single, item, b[i]));
  }
  switch (definition.type) {
    case "string":
    case "reference":
      if (typeof a === "string" && typeof b === "string" && !definition.caseExact) return a.toLowerCase() === b.toLowerCase();
      return a === b;
    case "dateTime": {
      if (typeof a !== "string" || typeof b !== "string") return a === b;
      const x = parseDateTime(a);
      return x !== undefined && x === parseDateTime(b);
    }
    case "complex": {
      if (!isJsonObject(a) || !isJsonObject(b)) return false;
      for (const sub of definition.subAttributes ?? []) {
        const x = a[sub.name];
        const y = b[sub.name];
        if ((x === undefined) !== (y === undefined)) return false;
        if (x !== undefined && !valuesEqual(sub, x, y)) return false;
      }
      return true;
    }
    default:
      return jsonEqual(a, b);
  }
}

/**
 * Whether `candidate` denotes the same value of a multi-valued complex attribute as `existing`: same `value`
 * and same `type` when the attribute has a `value` sub-attribute (so adding {value, primary: true} to an
 * existing {value} updates it rather than duplicating it), full equality otherwise.
 */
export function sameElement(definition: AttributeDefinition, existing: unknown, candidate: unknown): boolean {
  if (definition.type !== "complex") return valuesEqual({ ...definition, multiValued: false }, existing, candidate);
  if (!isJsonObject(existing) || !isJsonObject(candidate)) return false;
  const valueSub = definition.subAttributes?.find((s) => s.name === "value");
  if (!valueSub || candidate.value === undefined) return valuesEqual({ ...definition, multiValued: false }, existing, candidate);
  const typeSub = definition.subAttributes?.find((s) => s.name === "type");
  const sameType = !typeSub || (existing.type === undefined && candidate.type === undefined) || (existing.type !== undefined && candidate.type !== undefined && valuesEqual(typeSub, existing.type, candidate.type));
  return sameType && existing.value !== undefined && valuesEqual(valueSub, existing.value, candidate.value);
}

/**
 * The sub-attribute values a filter pins down when it is `sub eq v` or an `and` of such on distinct direct
 * sub-attributes (`type eq "work"`, `type eq "work" and primary eq true`); undefined for any other filter.
 * Used to create the element an Entra-style `emails[type eq "work"].value` add/replace targets.
 */
export function equalitiesOf(filter: FilterNode, prefix: number): Record<string, FilterValue> | undefined {
  const leaves = filter.kind === "and" ? filter.children : [filter];
  const out: Record<string, FilterValue> = {};
  for (const leaf of leaves) {
    if (leaf.kind !== "compare" || leaf.op !== "eq" || leaf.attr.path.length !== prefix + 1) return undefined;
    const name = leaf.attr.path[prefix];
    if (name === undefined || Object.hasOwn(out, name)) return undefined;
    if (leaf.attr.resolved.definition.mutability === "readOnly") return undefined;
    out[name] = leaf.value;
  }
  return out;
}

/**
 * RFC 7643 §2.4: "primary" true MUST appear no more than once. When the operation set primary on some
 * elements (`touched`), it is cleared on the others; setting it on two at once is 400 invalidValue.
 */
export function enforceSinglePrimary(items: unknown[], touched: ReadonlySet<number>, path: string): void {
  const newlyPrimary = [...touched].filter((i) => {
    const item = items[i];
    return isJsonObject(item) && item.primary === true;
  });
  if (newlyPrimary.length > 1) throw invalidValue(`Attribute "${path}": "primary": true may be set on one value only`);
  if (newlyPrimary.length === 1) {
    items.forEach((item, i) => {
      if (i !== newlyPrimary[0] && isJsonObject(item) && item.primary === true) delete item.primary;
    });
  }
  const primaries = items.filter((item) => isJsonObject(item) && item.primary === true).length;
  if (primaries > 1) throw invalidValue(`Attribute "${path}" has ${primaries} values with "primary": true; at most one is allowed`);
}
