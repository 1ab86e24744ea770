// The PATCH engine, RFC 7644 §3.5.2: applies a PatchOp request to a stored resource, all or nothing.
//
// Pure: `current` is never mutated; the result is a new object. Any failing operation throws a ScimError and
// the caller changes nothing. Group `members` are never read or written here: their changes come back as
// MemberOps (see ./members.ts).
//
// Semantics (RFC 7644 §3.5.2.1-3) and the decisions where the RFC or the IdPs leave room:
// - add, no path: each key of the value object is added as if it were a path. Keys may be plain ("userName"),
//   dotted ("name.givenName"), URN-qualified ("urn:...:enterprise:2.0:User:employeeNumber"), a value path
//   ('emails[type eq "work"].value'), or a schema URN whose value holds that schema's attributes (Entra with
//   aadOptscim062020). replace, no path: likewise.
// - readOnly attributes (id, meta, groups, manager.displayName): a path naming one is 400 mutability (§3.5.2);
//   inside a path-less value object they are ignored as in PUT (§3.5.1), because Okta sends the group's "id"
//   in its path-less displayName replace.
// - add/replace of a single-valued attribute sets it; of a complex attribute merges the given sub-attributes,
//   leaving the others (§3.5.2.1, §3.5.2.3); a null sub-attribute in the value clears it.
// - add to a multi-valued attribute appends values not already present (§3.5.2.1: "If the target location
//   already contains the value specified, no changes SHOULD be made"); a value with the same "value" and
//   "type" as an existing one is merged into it. replace without a filter replaces the whole list.
// - a value of null (or [] for a multi-valued attribute) in replace unassigns the attribute (RFC 7643 §2.5);
//   in add it adds nothing.
// - a path with a filter and no sub-attribute: replace substitutes the matching values (§3.5.2.3), add merges
//   into them. With a sub-attribute (`emails[type eq "work"].value`) both set it on every matching value.
// - a filter that matches nothing: remove fails with 400 noTarget (§3.12 Table 9, §3.5.2.2). add and replace
//   also fail with noTarget (§3.5.2.3) UNLESS the filter is an equality test, or an `and` of equality tests, on
//   sub-attributes (`type eq "work"`): then the value it describes is created -- {type: "work", value: ...}.
//   Entra sends `replace emails[type eq "work"].value` (and the same with add) for users who have no work email
//   yet and expects exactly that (see also RFC 7644 erratum 8097); the filter leaves no doubt what to create.
// - a sub-attribute of a multi-valued attribute without a filter (`emails.value`) targets every value; replace
//   on an empty list creates one value.
// - remove of an absent attribute (no filter) succeeds and changes nothing (idempotent; IdPs retry).
// - remove with a "value" on a multi-valued attribute removes only the listed values (the Entra members
//   dialect, applied to every multi-valued attribute); an empty list removes nothing.
// - remove (or replace with null) of a required attribute such as userName: 400 mutability, as §3.5.2.2 says
//   ("If an attribute is removed or becomes unassigned and is defined as a required attribute or a read-only
//   attribute ... "scimType" error code of "mutability"").
// - immutable attributes: may be set when unassigned, or "set" to the value they already have; anything else
//   is 400 mutability (§3.5.2).
// - "primary": true set on one value clears it on the others (RFC 7643 §2.4); two at once is 400 invalidValue.
// - the writeOnly password is returned as `password` for the caller to hash, never stored in the resource.
// - a path that is exactly an extension schema URN targets the whole extension object.
// - a bare string for a single-valued complex attribute with a "value" sub-attribute means {value: ...}:
//   Entra sends the enterprise manager that way.

import { invalidValue, mutability, noTarget, ScimError } from "../errors";
import { excerpt, isJsonObject } from "../json";
import { registry as defaultRegistry, type ResourceTypeName, type ScimRegistry } from "../schema/registry";
import { addOrReplace } from "./add-replace";
import { isExternalMembers, memberOpsFor } from "./members";
import { parsePatchPath, topLevelOf } from "./path";
import { remove } from "./remove";
import { parsePatchRequest } from "./request";
import { label, type State, type Target } from "./state";
import type { PatchOperation, PatchResult, StoredResource } from "./types";
import { jsonEqual } from "./values";

export interface PatchOptions {
  registry?: ScimRegistry;
}

/** Applies a whole PatchOp request (RFC 7644 §3.5.2). Throws ScimError (4xx) and changes nothing on any failure. */
export function applyPatch(resourceType: ResourceTypeName, current: StoredResource, body: unknown, opts: PatchOptions = {}): PatchResult {
  const operations = parsePatchRequest(body);
  const state: State = {
    resourceType,
    registry: opts.registry ?? defaultRegistry,
    resource: structuredClone(current),
    memberOps: [],
  };
  for (const operation of operations) {
    try {
      applyOperation(state, operation);
    } catch (error) {
      if (error instanceof ScimError) {
        const where = `Operations[${operation.index}] (${operation.op}${operation.path === undefined ? "" : ` ${excerpt(operation.path, 120)}`})`;
        throw new ScimError(error.status, `${where}: ${error.message}`, error.scimType);
      }
      throw error;
    }
  }
  const result: PatchResult = {
    resource: state.resource,
    memberOps: state.memberOps,
    changed: state.memberOps.length > 0 || state.password !== undefined || !jsonEqual(current, state.resource),
  };
  if (state.password !== undefined) result.password = state.password;
  return result;
}

function applyOperation(state: State, operation: PatchOperation): void {
  const { op, path } = operation;
  if (path === undefined) {
    // RFC 7644 §3.5.2.2: remove without a path fails with noTarget.
    if (op === "remove") throw noTarget(`"remove" needs a "path"`);
    applyValueObject(state, op, requireValue(operation), undefined);
    return;
  }
  const extension = state.registry.schemaOf(state.resourceType, path.trim());
  if (extension && extension.id !== state.registry.resourceType(state.resourceType).schema) {
    // The whole extension object, e.g. path "urn:...:enterprise:2.0:User".
    if (op === "remove") {
      delete state.resource[extension.id];
      return;
    }
    const value = requireValue(operation);
    if (value === null && op === "replace") {
      delete state.resource[extension.id];
      return;
    }
    applyValueObject(state, op, value, extension.id);
    return;
  }
  const parsed = parsePatchPath(state.resourceType, path, { registry: state.registry });
  const target: Target = { ...parsed, label: path };
  checkWritable(target);
  if (isExternalMembers(state.resourceType, target.attribute)) {
    if (op !== "remove") requireValue(operation);
    state.memberOps.push(...memberOpsFor(op, target, operation.hasValue, operation.value));
    return;
  }
  if (op === "remove") remove(state, target, operation.hasValue ? operation.value : undefined);
  else addOrReplace(state, op, target, requireValue(operation));
}

/** RFC 7644 §3.5.2.1/§3.5.2.3: add and replace "MUST contain a "value" member". */
function requireValue(operation: PatchOperation): unknown {
  if (!operation.hasValue) throw invalidValue(`"${operation.op}" needs a "value"`);
  return operation.value;
}

function checkWritable(target: Target): void {
  for (const resolved of [target.attribute, target.subAttribute]) {
    if (resolved?.definition.mutability === "readOnly") throw mutability(`"${label(resolved)}" is readOnly`);
  }
}

/** A path-less add/replace: every key of the value object is a path (plain, dotted, URN-qualified or a schema URN). */
function applyValueObject(state: State, op: "add" | "replace", value: unknown, schemaPrefix: string | undefined): void {
  if (!isJsonObject(value)) {
    throw invalidValue(`Without a "path", the "value" of "${op}" must be an object of attributes, got ${excerpt(value)}`);
  }
  const core = state.registry.resourceType(state.resourceType).schema;
  for (const [key, raw] of Object.entries(value)) {
    if (schemaPrefix === undefined && key.toLowerCase() === "schemas") continue;
    const schema = schemaPrefix === undefined ? state.registry.schemaOf(state.resourceType, key) : undefined;
    if (schema) {
      // { "urn:...:enterprise:2.0:User": { "employeeNumber": "1" } }
      if (raw === null && schema.id !== core && op === "replace") {
        delete state.resource[schema.id];
        continue;
      }
      if (raw === null) continue;
      applyValueObject(state, op, raw, schema.id);
      continue;
    }
    const fullKey = schemaPrefix === undefined ? key : `${schemaPrefix}:${key}`;
    if (fullKey.includes("[")) {
      // A value-path key ('emails[type eq "work"].value'): a path in all but name.
      const target: Target = { ...parsePatchPath(state.resourceType, fullKey, { registry: state.registry }), label: fullKey };
      checkWritable(target);
      if (isExternalMembers(state.resourceType, target.attribute)) state.memberOps.push(...memberOpsFor(op, target, true, raw));
      else addOrReplace(state, op, target, raw);
      continue;
    }
    const resolved = state.registry.resolve(state.resourceType, fullKey);
    if (!resolved) throw invalidValue(`Unknown attribute ${excerpt(fullKey)} for resource type ${state.resourceType}`);
    const attribute = topLevelOf(resolved);
    const target: Target = { attribute, label: fullKey };
    if (resolved.parent) target.subAttribute = resolved;
    // readOnly attributes in a value object are ignored, as in PUT (Okta sends "id" here).
    if (attribute.definition.mutability === "readOnly" || resolved.definition.mutability === "readOnly") continue;
    if (isExternalMembers(state.resourceType, attribute)) {
      state.memberOps.push(...memberOpsFor(op, target, true, raw));
      continue;
    }
    addOrReplace(state, op, target, raw);
  }
}

