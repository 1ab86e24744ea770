// add and replace, RFC 7644 §3.5.2.1 and §3.5.2.3 (the decisions are listed in engine.ts).
import { normalizeAttributeValue } from "../attribute-value";
import { invalidValue, mutability, noTarget } from "../errors";
import { printFilter, type FilterNode } from "../filter";
import { excerpt, isJsonObject } from "../json";
import type { ResolvedAttribute } from "../schema/registry";
import type { AttributeDefinition } from "../schema/types";
import { checkImmutable, checkMayUnassign, container, finishList, hasValue, label, matchingIndices, nameOf, tidy, type Obj, type State, type Target } from "./state";
import { enforceSinglePrimary, equalitiesOf, sameElement, valuesEqual } from "./values";

export function addOrReplace(state: State, op: "add" | "replace", target: Target, value: unknown): void {
  const { attribute, subAttribute, valueFilter } = target;
  const definition = attribute.definition;
  if (!attribute.extension && definition.name === "password" && definition.mutability === "writeOnly") {
    const password = normalizeAttributeValue(attribute, value);
    if (password === undefined) {
      if (op === "replace") state.password = null;
      return;
    }
    state.password = password as string;
    return;
  }
  if (valueFilter) {
    filteredAddOrReplace(state, op, target, valueFilter, value);
    return;
  }
  if (subAttribute) {
    if (definition.multiValued) setSubOnAll(state, target, subAttribute, value);
    else setSub(state, target, subAttribute, value, op);
    return;
  }
  if (definition.type === "complex" && !definition.multiValued) {
    mergeComplex(state, op, target, value);
    return;
  }
  const normalized = normalizeAttributeValue(attribute, value);
  const holder = container(state, attribute, normalized !== undefined);
  const existing = holder?.[nameOf(attribute)];
  if (normalized === undefined) {
    // null / []: replace unassigns (RFC 7643 §2.5); add adds nothing.
    if (op === "add") return;
    if (!hasValue(existing)) return;
    checkMayUnassign(attribute);
    checkImmutable(definition, existing, undefined, label(attribute));
    if (holder) delete holder[nameOf(attribute)];
    tidy(state, attribute);
    return;
  }
  if (!holder) return;
  if (!definition.multiValued) {
    checkImmutable(definition, existing, normalized, label(attribute));
    holder[nameOf(attribute)] = normalized;
    return;
  }
  const items = normalized as unknown[];
  if (op === "replace") {
    checkImmutable(definition, existing, items, label(attribute));
    holder[nameOf(attribute)] = items;
    return;
  }
  // add to a multi-valued attribute
  const list: unknown[] = Array.isArray(existing) ? (existing as unknown[]) : [];
  if (definition.mutability === "immutable" && list.length > 0) throw mutability(`"${label(attribute)}" is immutable and already has values`);
  const touched = new Set<number>();
  for (const item of items) {
    const index = list.findIndex((old) => sameElement(definition, old, item));
    if (index === -1) {
      list.push(item);
      touched.add(list.length - 1);
    } else {
      const old = list[index];
      if (!isJsonObject(item) || !isJsonObject(old)) continue;
      mergeInto(definition, old, item, label(attribute));
      touched.add(index);
    }
  }
  if (definition.type === "complex") enforceSinglePrimary(list, touched, label(attribute));
  holder[nameOf(attribute)] = list;
}

/** Sets the normalised sub-attributes of `patch` on `target`, checking immutability; equal values keep their spelling. */
function mergeInto(definition: AttributeDefinition, target: Obj, patch: Obj, name: string): void {
  for (const [key, value] of Object.entries(patch)) {
    const sub = definition.subAttributes?.find((s) => s.name === key);
    if (sub && target[key] !== undefined && valuesEqual(sub, target[key], value)) continue;
    if (sub) checkImmutable(sub, target[key], value, `${name}.${key}`);
    target[key] = value;
  }
}

/** add/replace on a single-valued complex attribute: merge (RFC 7644 §3.5.2.3 "Sub-attributes that are not specified ... are left unchanged"). */
function mergeComplex(state: State, op: "add" | "replace", target: Target, value: unknown): void {
  const { attribute } = target;
  const name = nameOf(attribute);
  if (value === null) {
    if (op === "add") return;
    const holder = container(state, attribute, false);
    if (!holder || !hasValue(holder[name])) return;
    checkMayUnassign(attribute);
    checkImmutable(attribute.definition, holder[name], undefined, label(attribute));
    delete holder[name];
    tidy(state, attribute);
    return;
  }
  let object = value;
  if (!isJsonObject(object) && (typeof object === "string" || typeof object === "number") && state.registry.resolveSub(attribute, "value")) {
    // Entra sends the manager as a bare id: {"path": "urn:...:enterprise:2.0:User:manager", "value": "<id>"}.
    object = { value: object };
  }
  if (!isJsonObject(object)) throw invalidValue(`"${label(attribute)}" is complex: the value must be an object of its sub-attributes, got ${excerpt(value)}`);
  for (const [key, raw] of Object.entries(object)) {
    const sub = state.registry.resolveSub(attribute, key);
    if (!sub) throw invalidValue(`Unknown sub-attribute ${excerpt(key)} of "${label(attribute)}"`);
    if (sub.definition.mutability === "readOnly") continue; // as in bodies (RFC 7643 §2.2)
    setSub(state, target, sub, raw, raw === null ? "replace" : op);
  }
}

/** Sets (or, for null, unassigns) one sub-attribute of a single-valued complex attribute. */
function setSub(state: State, target: Target, sub: ResolvedAttribute, value: unknown, op: "add" | "replace"): void {
  const { attribute } = target;
  const name = nameOf(attribute);
  const normalized = normalizeAttributeValue(sub, value);
  const holder = container(state, attribute, normalized !== undefined);
  const existingObject = holder?.[name];
  const object: Obj = isJsonObject(existingObject) ? existingObject : {};
  const subName = nameOf(sub);
  if (normalized === undefined) {
    if (op === "add" || !hasValue(object[subName])) return;
    checkMayUnassign(sub);
    checkImmutable(sub.definition, object[subName], undefined, label(sub));
    delete object[subName];
    if (holder && Object.keys(object).length === 0) {
      checkMayUnassign(attribute);
      delete holder[name];
    }
    tidy(state, attribute);
    return;
  }
  if (!holder) return;
  checkImmutable(sub.definition, object[subName], normalized, label(sub));
  object[subName] = normalized;
  holder[name] = object;
}

/** `emails.value` without a filter: every value of the multi-valued attribute; one new value if there is none. */
function setSubOnAll(state: State, target: Target, sub: ResolvedAttribute, value: unknown): void {
  const { attribute } = target;
  const normalized = normalizeAttributeValue(sub, value);
  const holder = container(state, attribute, normalized !== undefined);
  if (!holder) return;
  const existing = holder[nameOf(attribute)];
  const list: unknown[] = Array.isArray(existing) ? (existing as unknown[]) : [];
  const subName = nameOf(sub);
  if (list.length === 0) {
    if (normalized === undefined) return;
    holder[nameOf(attribute)] = [{ [subName]: normalized }];
    return;
  }
  const touched = new Set<number>();
  list.forEach((item, i) => {
    if (!isJsonObject(item)) return;
    checkImmutable(sub.definition, item[subName], normalized, label(sub));
    if (normalized === undefined) delete item[subName];
    else item[subName] = normalized;
    touched.add(i);
  });
  finishList(state, target, holder, list, touched);
}

/** add/replace with a value filter: `emails[type eq "work"]` or `emails[type eq "work"].value`. */
function filteredAddOrReplace(state: State, op: "add" | "replace", target: Target, filter: FilterNode, value: unknown): void {
  const { attribute, subAttribute } = target;
  const definition = attribute.definition;
  const single = { ...attribute, definition: { ...definition, multiValued: false } };
  // The new content: a sub-attribute value, or a whole value (an object, or an array holding one).
  let content: unknown;
  if (subAttribute) {
    content = normalizeAttributeValue(subAttribute, value);
  } else {
    const raw = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
    if (Array.isArray(raw)) throw invalidValue(`A path with a filter selects values of "${label(attribute)}": the value must be one object`);
    content = normalizeAttributeValue(single, raw);
  }
  const holder = container(state, attribute, content !== undefined);
  const existing = holder?.[nameOf(attribute)];
  const list: unknown[] = Array.isArray(existing) ? (existing as unknown[]) : [];
  const matches = matchingIndices(list, filter, attribute.names.length);
  if (matches.length === 0) {
    if (content === undefined) return; // nothing to unassign
    const pinned = equalitiesOf(filter, attribute.names.length);
    if (!pinned || !holder) {
      throw noTarget(`No value of "${label(attribute)}" matches [${printFilter(filter, attribute.names.length)}]`);
    }
    // Create the value the filter describes (Entra; see the header).
    const created = subAttribute ? { ...pinned, [nameOf(subAttribute)]: content } : { ...pinned, ...(content as Obj) };
    const element = normalizeAttributeValue(single, created);
    if (element === undefined) return;
    list.push(element);
    finishList(state, target, holder, list, new Set([list.length - 1]));
    return;
  }
  if (!holder) return;
  for (const i of matches) {
    const item = list[i];
    if (!isJsonObject(item)) continue;
    if (subAttribute) {
      const subName = nameOf(subAttribute);
      checkImmutable(subAttribute.definition, item[subName], content, label(subAttribute));
      if (content === undefined) delete item[subName];
      else item[subName] = content;
    } else if (content === undefined) {
      if (op === "replace") list[i] = {};
    } else if (op === "replace") {
      // §3.5.2.3: "all matching record values SHALL be replaced".
      for (const sub of definition.subAttributes ?? []) {
        if (sub.mutability === "immutable") checkImmutable(sub, item[sub.name], (content as Obj)[sub.name], `${label(attribute)}.${sub.name}`);
      }
      list[i] = { ...(content as Obj) };
    } else {
      mergeInto(definition, item, content as Obj, label(attribute));
    }
  }
  finishList(state, target, holder, list, new Set(matches));
}

