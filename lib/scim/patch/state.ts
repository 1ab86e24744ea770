// Shared state and helpers of the PATCH engine: where an attribute lives in the resource being built, and the
// mutability rules every operation applies (RFC 7644 §3.5.2, RFC 7643 §2.2).
import { mutability } from "../errors";
import { matchesValueFilter, type FilterNode } from "../filter";
import { isJsonObject } from "../json";
import type { ResolvedAttribute, ResourceTypeName, ScimRegistry } from "../schema/registry";
import type { AttributeDefinition } from "../schema/types";
import type { PatchPath } from "./path";
import type { MemberOp } from "./types";
import { enforceSinglePrimary, valuesEqual } from "./values";

export type Obj = Record<string, unknown>;

export interface State {
  readonly resourceType: ResourceTypeName;
  readonly registry: ScimRegistry;
  readonly resource: Obj;
  readonly memberOps: MemberOp[];
  password?: string | null;
}

export interface Target extends PatchPath {
  /** The path as written, for error details. */
  label: string;
}

export function label(resolved: ResolvedAttribute): string {
  const names = resolved.names.join(".");
  return resolved.extension ? `${resolved.schema}:${names}` : names;
}

/** The object holding the attribute: the resource, or its extension object (created when `create`). */
export function container(state: State, attribute: ResolvedAttribute, create: true): Obj;
export function container(state: State, attribute: ResolvedAttribute, create: boolean): Obj | undefined;
export function container(state: State, attribute: ResolvedAttribute, create: boolean): Obj | undefined {
  if (!attribute.extension) return state.resource;
  const existing = state.resource[attribute.schema];
  if (isJsonObject(existing)) return existing;
  if (!create) return undefined;
  const created: Obj = {};
  state.resource[attribute.schema] = created;
  return created;
}

/** Drops an extension object left empty. */
export function tidy(state: State, attribute: ResolvedAttribute): void {
  if (!attribute.extension) return;
  const existing = state.resource[attribute.schema];
  if (isJsonObject(existing) && Object.keys(existing).length === 0) delete state.resource[attribute.schema];
}

export function nameOf(resolved: ResolvedAttribute): string {
  return resolved.definition.name;
}

export function hasValue(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Unassigning a required attribute is 400 mutability (RFC 7644 §3.5.2.2). */
export function checkMayUnassign(resolved: ResolvedAttribute): void {
  if (resolved.definition.required) throw mutability(`"${label(resolved)}" is required and cannot be removed`);
}

/** Immutable attributes may be assigned when unassigned, or given the value they have (RFC 7644 §3.5.2). */
export function checkImmutable(definition: AttributeDefinition, existing: unknown, next: unknown, name: string): void {
  if (definition.mutability !== "immutable" || !hasValue(existing)) return;
  if (next !== undefined && valuesEqual(definition, existing, next)) return;
  throw mutability(`"${name}" is immutable and already has a value`);
}

/** Writes back a multi-valued list after element changes: drops emptied elements, enforces primary, unassigns when empty. */
export function finishList(state: State, target: Target, holder: Obj, list: unknown[], touched: ReadonlySet<number>): void {
  const { attribute } = target;
  const kept: unknown[] = [];
  const keptTouched = new Set<number>();
  list.forEach((item, i) => {
    if (isJsonObject(item) && Object.keys(item).length === 0) return;
    if (touched.has(i)) keptTouched.add(kept.length);
    kept.push(item);
  });
  if (kept.length === 0) {
    checkMayUnassign(attribute);
    delete holder[nameOf(attribute)];
    tidy(state, attribute);
    return;
  }
  if (attribute.definition.type === "complex") enforceSinglePrimary(kept, keptTouched, label(attribute));
  holder[nameOf(attribute)] = kept;
}

export function matchingIndices(list: unknown[], filter: FilterNode, prefix: number): number[] {
  const indices: number[] = [];
  list.forEach((item, i) => {
    if (matchesValueFilter(item, filter, prefix)) indices.push(i);
  });
  return indices;
}

