// Group membership in PATCH, turned into MemberOps instead of being applied to an in-memory list: a group can
// have 100,000 members, and the caller must never load them to apply a PATCH.
//
// The dialects (notes/idp-wire.md) and what they mean:
// - {op:add, path:members, value:[{value}]}             -> add those members (Entra also sends "$ref": null)
// - {op:remove, path:members, value:[{value}]}          -> remove exactly those members (Entra). NEVER all:
//   a server that ignores the value here empties the whole group.
// - {op:remove, path:'members[value eq "id"]'}          -> remove "id" (Okta, Entra with aadOptscim062020);
//   `or` chains of `value eq` are plain value lists too; any other filter -> removeMatching
// - {op:remove, path:members} with no value (or null)   -> remove all members (RFC 7644 §3.5.2.2)
// - {op:replace, path:members, value:[...]}             -> replace the list (Okta); an empty list removes all
// - path-less add/replace whose value has "members"     -> add/replace likewise

import { mutability, invalidPath, invalidValue } from "../errors";
import type { FilterNode } from "../filter";
import { excerpt, isJsonObject } from "../json";
import { normalizeAttributeValue } from "../attribute-value";
import type { ResolvedAttribute, ResourceTypeName } from "../schema/registry";
import type { PatchPath } from "./path";
import type { MemberOp, MemberRef, PatchOpName } from "./types";

/** Whether the attribute is the externalised Group `members`. */
export function isExternalMembers(resourceType: ResourceTypeName, attribute: ResolvedAttribute): boolean {
  return resourceType === "Group" && !attribute.extension && !attribute.parent && attribute.names[0] === "members";
}

/** Member values given as bare ids ("id" instead of {"value":"id"}) are accepted: their meaning is unambiguous. */
function liftBareIds(value: unknown): unknown {
  if (typeof value === "string") return { value };
  if (Array.isArray(value)) return (value as unknown[]).map((item) => (typeof item === "string" ? { value: item } : item));
  return value;
}

function memberType(raw: unknown): "User" | "Group" | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === "string") {
    const lower = raw.toLowerCase();
    if (lower === "user") return "User";
    if (lower === "group") return "Group";
  }
  throw invalidValue(`members.type must be "User" or "Group", got ${excerpt(raw)}`);
}

/** Validated member references, deduplicated by value (first occurrence wins). Undefined for null / []. */
export function toMemberRefs(attribute: ResolvedAttribute, value: unknown): MemberRef[] | undefined {
  const normalized = normalizeAttributeValue(attribute, liftBareIds(value));
  if (normalized === undefined) return undefined;
  const items = Array.isArray(normalized) ? normalized : [normalized];
  const seen = new Set<string>();
  const refs: MemberRef[] = [];
  for (const item of items) {
    if (!isJsonObject(item) || typeof item.value !== "string" || item.value === "") {
      throw invalidValue(`Each member needs a "value" (the member's id), got ${excerpt(item)}`);
    }
    if (seen.has(item.value)) continue;
    seen.add(item.value);
    const ref: MemberRef = { value: item.value };
    const type = memberType(item.type);
    if (type) ref.type = type;
    if (typeof item.display === "string") ref.display = item.display;
    refs.push(ref);
  }
  return refs;
}

/** The ids of `value eq "a"` / `value eq "a" or value eq "b"` filters on members; undefined for other filters. */
export function memberValuesOf(filter: FilterNode): string[] | undefined {
  const leaves = filter.kind === "or" ? filter.children : [filter];
  const values: string[] = [];
  for (const leaf of leaves) {
    if (leaf.kind !== "compare" || leaf.op !== "eq" || typeof leaf.value !== "string") return undefined;
    if (leaf.attr.path.length !== 2 || leaf.attr.path[1] !== "value") return undefined;
    if (!values.includes(leaf.value)) values.push(leaf.value);
  }
  return values;
}

/** The MemberOps of one operation whose target is `members`. */
export function memberOpsFor(op: PatchOpName, target: PatchPath, hasValue: boolean, value: unknown): MemberOp[] {
  const { attribute, valueFilter, subAttribute } = target;
  if (subAttribute) {
    // members.value etc. are immutable (RFC 7643 §4.2): members are added or removed, never edited in place.
    throw mutability(`"${subAttribute.names.join(".")}" cannot be modified; add or remove members instead`);
  }
  if (valueFilter) {
    if (op !== "remove") throw invalidPath(`A filter on members can only be used to remove members; use "add" with path "members" to add`);
    const values = memberValuesOf(valueFilter);
    return values ? [{ kind: "remove", values }] : [{ kind: "removeMatching", filter: valueFilter }];
  }
  switch (op) {
    case "add": {
      const members = toMemberRefs(attribute, value);
      return members && members.length > 0 ? [{ kind: "add", members }] : [];
    }
    case "replace": {
      const members = toMemberRefs(attribute, value);
      return members && members.length > 0 ? [{ kind: "replace", members }] : [{ kind: "removeAll" }];
    }
    case "remove": {
      // RFC 7644 §3.5.2.2: without a filter, all values are removed -- but only when no value was given.
      if (!hasValue || value === null) return [{ kind: "removeAll" }];
      const values = (toMemberRefs(attribute, value) ?? []).map((member) => member.value);
      // An empty list removes nobody (never "all").
      return values.length > 0 ? [{ kind: "remove", values }] : [];
    }
  }
}
