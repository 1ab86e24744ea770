// Type checking and coercion of one attribute value against its definition (RFC 7643 §2.3, §2.4), shared by
// resource bodies (POST/PUT) and the PATCH engine.
import { invalidValue } from "./errors";
import { excerpt, isJsonObject, jsonType } from "./json";
import type { ResolvedAttribute } from "./schema/registry";
import type { AttributeDefinition } from "./schema/types";

/** The attribute's name as a client would write it: URN-qualified for extension attributes (RFC 7644 §3.10). */
export function attributePath(resolved: ResolvedAttribute): string {
  const names = resolved.names.join(".");
  return resolved.extension ? `${resolved.schema}:${names}` : names;
}

/**
 * Check and coerce `value` for the resolved attribute. Returns the canonical value, or undefined when the value
 * means "unassigned": null (RFC 7643 §2.5), an empty array for a multi-valued attribute (Entra sends `roles: []`),
 * or a complex value whose sub-attributes are all unassigned. Sub-attribute names are matched case-insensitively
 * (§2.1) and stored under their canonical names; readOnly sub-attributes are ignored (§2.2). Throws 400
 * invalidValue otherwise.
 */
export function normalizeAttributeValue(resolved: ResolvedAttribute, value: unknown): unknown {
  return normalize(resolved.definition, value, attributePath(resolved));
}

/** RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once. */
export function checkMultiValuedPrimary(path: string, values: readonly unknown[]): void {
  const primaries = values.filter((item) => isJsonObject(item) && item.primary === true).length;
  if (primaries > 1) throw invalidValue(`Attribute "${path}" has ${primaries} values with "primary": true; at most one is allowed`);
}

function normalize(definition: AttributeDefinition, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (!definition.multiValued) {
    if (Array.isArray(value)) throw invalidValue(`Attribute "${path}" is single-valued and must not be an array`);
    return normalizeSingle(definition, value, path);
  }
  // A lone value where an array is expected is taken as a one-element array: its meaning is unambiguous, and
  // refusing it would fail a whole provisioning cycle over a formality. Responses always carry arrays.
  const items = Array.isArray(value) ? value : [value];
  const normalized: unknown[] = [];
  for (const item of items) {
    if (item === null || Array.isArray(item)) throw invalidValue(`Attribute "${path}" has a value that is ${jsonType(item)}`);
    const one = normalizeSingle(definition, item, path);
    if (one !== undefined) normalized.push(one);
  }
  if (normalized.length === 0) return undefined;
  if (definition.type === "complex") checkMultiValuedPrimary(path, normalized);
  return normalized;
}

function normalizeSingle(definition: AttributeDefinition, value: unknown, path: string): unknown {
  switch (definition.type) {
    case "string":
      if (typeof value !== "string") throw typeError(value, path, "a string");
      return normalizeString(definition, value, path);
    case "boolean":
      return normalizeBoolean(value, path);
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value)) throw typeError(value, path, "an integer");
      return value;
    case "decimal":
      if (typeof value !== "number" || !Number.isFinite(value)) throw typeError(value, path, "a decimal number");
      return value;
    case "dateTime":
      if (typeof value !== "string" || !isXsdDateTime(value)) throw typeError(value, path, "an xsd:dateTime such as 2015-01-23T04:56:22Z");
      return value;
    case "reference":
      if (typeof value !== "string") throw typeError(value, path, "a URI reference (string)");
      return value;
    case "binary":
      if (typeof value !== "string" || !isBase64(value)) throw typeError(value, path, "base64-encoded (RFC 4648 §4)");
      return value;
    case "complex":
      if (!isJsonObject(value)) throw typeError(value, path, "an object");
      return normalizeComplex(definition, value, path);
  }
}

function typeError(value: unknown, path: string, what: string) {
  return invalidValue(`Attribute "${path}" must be ${what}, got ${jsonType(value)} ${excerpt(value)}`);
}

function normalizeString(definition: AttributeDefinition, text: string, path: string): string {
  // Kept as sent, but a required string must say something (RFC 7643 §4.1.1: "a non-empty userName").
  if (definition.required && text.trim() === "") throw invalidValue(`Attribute "${path}" must not be empty`);
  if (definition.enforceCanonicalValues && definition.canonicalValues) {
    const canonical = definition.canonicalValues.find((c) => c.toLowerCase() === text.toLowerCase());
    if (canonical === undefined) {
      throw invalidValue(`Attribute "${path}" must be one of ${definition.canonicalValues.join(", ")}, got ${excerpt(text)}`);
    }
    return canonical;
  }
  return text;
}

/** Entra (without aadOptscim062020) sends booleans as "True"/"False". */
function normalizeBoolean(value: unknown, path: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const word = value.toLowerCase();
    if (word === "true") return true;
    if (word === "false") return false;
  }
  throw typeError(value, path, "a boolean");
}

function normalizeComplex(definition: AttributeDefinition, value: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
  const subAttributes = definition.subAttributes ?? [];
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [key, raw] of Object.entries(value)) {
    const sub = subAttributes.find((s) => s.name.toLowerCase() === key.toLowerCase());
    if (!sub) throw invalidValue(`Unknown sub-attribute ${excerpt(key)} of "${path}"`);
    if (seen.has(sub.name)) throw invalidValue(`Sub-attribute "${path}.${sub.name}" is given more than once`);
    seen.add(sub.name);
    if (sub.mutability === "readOnly") continue;
    const normalized = normalize(sub, raw, `${path}.${sub.name}`);
    if (normalized !== undefined) out[sub.name] = normalized;
  }
  if (Object.keys(out).length === 0) return undefined;
  for (const sub of subAttributes) {
    if (sub.required && sub.mutability !== "readOnly" && !(sub.name in out)) {
      throw invalidValue(`Sub-attribute "${path}.${sub.name}" is required`);
    }
  }
  return out;
}

const XSD_DATE_TIME = /^-?(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))?$/;

/** xsd:dateTime (RFC 7643 §2.3.5), with field ranges checked; a time zone is optional as in XML Schema. */
export function isXsdDateTime(text: string): boolean {
  const m = XSD_DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > days) return false;
  if (m[7] !== undefined) {
    const offsetHours = Number(m[8]);
    const offsetMinutes = Number(m[9]);
    if (offsetMinutes > 59 || offsetHours > 14 || (offsetHours === 14 && offsetMinutes > 0)) return false;
  }
  return true;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Base64 with the standard alphabet and padding (RFC 7643 §2.3.6 refers to RFC 4648 §4). */
export function isBase64(text: string): boolean {
  return BASE64.test(text);
}
