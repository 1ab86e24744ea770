// The before/after of an audit event as a flat list of changed paths, for the detail view and for people reading
// an export: "name.givenName: Pat → Patricia" rather than two JSON documents side by side.

export type DiffKind = "added" | "removed" | "changed";

export interface DiffEntry {
  /** e.g. "name.givenName", "emails[0].value", `["urn:…:User"].department`; "" for the value as a whole. */
  path: string;
  kind: DiffKind;
  /** Absent when kind is "added". */
  before?: unknown;
  /** Absent when kind is "removed". */
  after?: unknown;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);
const isPrimitiveArray = (value: unknown): value is unknown[] => Array.isArray(value) && value.every((item) => item === null || typeof item !== "object");

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

function child(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
  }
  return false;
}

function walk(before: unknown, after: unknown, path: string, out: DiffEntry[]): void {
  if (same(before, after)) return;
  if (before === undefined) {
    out.push({ path, kind: "added", after });
    return;
  }
  if (after === undefined) {
    out.push({ path, kind: "removed", before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) walk(before[key], after[key], child(path, key), out);
    return;
  }
  // Lists of plain values read best whole ("[a, b] → [a, c]"); lists of objects are compared item by item.
  if (Array.isArray(before) && Array.isArray(after) && !(isPrimitiveArray(before) && isPrimitiveArray(after))) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) walk(before[i], after[i], `${path}[${i}]`, out);
    return;
  }
  out.push({ path, kind: "changed", before, after });
}

/**
 * The changed leaves between two JSON values (an event's before and after), in path order. A missing side (an
 * event with only `after`, such as a creation) lists every leaf of the other side as added or removed.
 */
export function diffJson(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  const absent = (value: unknown) => value === null || value === undefined;
  if (absent(before) && absent(after)) return out;
  if (absent(before) && isObject(after)) {
    for (const key of Object.keys(after).sort()) walk(undefined, after[key], child("", key), out);
    return flatten(out);
  }
  if (absent(after) && isObject(before)) {
    for (const key of Object.keys(before).sort()) walk(before[key], undefined, child("", key), out);
    return flatten(out);
  }
  walk(absent(before) ? undefined : before, absent(after) ? undefined : after, "", out);
  return flatten(out);
}

/** An added or removed object is listed leaf by leaf, like a change. */
function flatten(entries: DiffEntry[]): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const entry of entries) {
    const value = entry.kind === "added" ? entry.after : entry.kind === "removed" ? entry.before : undefined;
    if (isObject(value) && Object.keys(value).length > 0) {
      const nested: DiffEntry[] = [];
      for (const key of Object.keys(value).sort()) {
        if (entry.kind === "added") walk(undefined, value[key], child(entry.path, key), nested);
        else walk(value[key], undefined, child(entry.path, key), nested);
      }
      out.push(...flatten(nested));
    } else {
      out.push(entry);
    }
  }
  return out;
}

/** A diff value as short readable text ("—" for absent). */
export function formatDiffValue(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
