// "bulkId:<id>" references (RFC 7644 §3.7.2): a client refers to a resource created earlier in the same bulk
// request by writing "bulkId:" and that operation's bulkId where the resource's id belongs -- in a path
// ("/Groups/bulkId:qwerty") or as a whole string value in the data ({"value": "bulkId:qwerty"}).
import { invalidValue } from "../errors";

export const BULK_ID_PREFIX = "bulkId:";

/** Deepest nesting of operation data we walk (JSON from a client; keeps the walk off the stack limit). */
export const MAX_DATA_DEPTH = 64;

/** The bulkId a string refers to, if it is a reference ("bulkId:" exactly as the RFC spells it). */
export function referencedBulkId(text: string): string | undefined {
  if (text.length <= BULK_ID_PREFIX.length || !text.startsWith(BULK_ID_PREFIX)) return undefined;
  return text.slice(BULK_ID_PREFIX.length);
}

/** Every bulkId referenced in `value`, in order of appearance, without duplicates. */
export function collectReferences(value: unknown, into: string[] = [], depth = 0): string[] {
  if (depth > MAX_DATA_DEPTH) throw invalidValue(`Operation data is nested deeper than ${MAX_DATA_DEPTH} levels`);
  if (typeof value === "string") {
    const ref = referencedBulkId(value);
    if (ref !== undefined && !into.includes(ref)) into.push(ref);
  } else if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into, depth + 1);
  } else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) collectReferences(item, into, depth + 1);
  }
  return into;
}

/** A copy of `value` with every reference replaced by the created resource's id (all must be in `ids`). */
export function replaceReferences(value: unknown, ids: ReadonlyMap<string, string>, depth = 0): unknown {
  if (depth > MAX_DATA_DEPTH) throw invalidValue(`Operation data is nested deeper than ${MAX_DATA_DEPTH} levels`);
  if (typeof value === "string") {
    const ref = referencedBulkId(value);
    return ref === undefined ? value : (ids.get(ref) ?? value);
  }
  if (Array.isArray(value)) return value.map((item) => replaceReferences(item, ids, depth + 1));
  if (typeof value === "object" && value !== null) {
    // fromEntries defines own properties, so a "__proto__" key in client JSON stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceReferences(item, ids, depth + 1)]));
  }
  return value;
}
