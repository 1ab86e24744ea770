// remove, RFC 7644 §3.5.2.2 (the decisions are listed in engine.ts).
import { normalizeAttributeValue } from "../attribute-value";
import { mutability, noTarget } from "../errors";
import { printFilter } from "../filter";
import { isJsonObject } from "../json";
import { checkImmutable, checkMayUnassign, container, finishList, hasValue, label, matchingIndices, nameOf, tidy, type State, type Target } from "./state";
import { sameElement } from "./values";

export function remove(state: State, target: Target, value: unknown): void {
  const { attribute, subAttribute, valueFilter } = target;
  const definition = attribute.definition;
  if (!attribute.extension && definition.name === "password" && definition.mutability === "writeOnly") {
    state.password = null;
    return;
  }
  const holder = container(state, attribute, false);
  const name = nameOf(attribute);
  const existing = holder?.[name];

  if (valueFilter) {
    const list: unknown[] = Array.isArray(existing) ? (existing as unknown[]) : [];
    const matches = matchingIndices(list, valueFilter, attribute.names.length);
    // RFC 7644 §3.12 Table 9 noTarget: "the specified "path" value contains a filter that yields no match".
    if (matches.length === 0 || !holder) {
      throw noTarget(`No value of "${label(attribute)}" matches [${printFilter(valueFilter, attribute.names.length)}]`);
    }
    for (const i of matches) {
      const item = list[i];
      if (subAttribute) {
        if (!isJsonObject(item)) continue;
        checkMayUnassign(subAttribute);
        checkImmutable(subAttribute.definition, item[nameOf(subAttribute)], undefined, label(subAttribute));
        delete item[nameOf(subAttribute)];
      } else {
        if (isJsonObject(item)) {
          for (const sub of definition.subAttributes ?? []) checkImmutable(sub, item[sub.name], undefined, `${label(attribute)}.${sub.name}`);
        }
        list[i] = {};
      }
    }
    finishList(state, target, holder, list, new Set());
    return;
  }

  if (subAttribute) {
    if (!holder || !hasValue(existing)) return;
    const subName = nameOf(subAttribute);
    const items: unknown[] = definition.multiValued && Array.isArray(existing) ? existing : [existing];
    for (const item of items) {
      if (!isJsonObject(item) || !hasValue(item[subName])) continue;
      checkMayUnassign(subAttribute);
      checkImmutable(subAttribute.definition, item[subName], undefined, label(subAttribute));
      delete item[subName];
    }
    if (definition.multiValued) {
      finishList(state, target, holder, items, new Set());
    } else if (isJsonObject(existing) && Object.keys(existing).length === 0) {
      checkMayUnassign(attribute);
      delete holder[name];
      tidy(state, attribute);
    }
    return;
  }

  if (definition.multiValued && value !== undefined && value !== null) {
    // Remove only the listed values (the Entra members dialect, for any multi-valued attribute).
    const normalized = normalizeAttributeValue(attribute, value);
    if (normalized === undefined || !holder || !Array.isArray(existing)) return;
    const doomed = normalized as unknown[];
    const kept = existing.filter((item) => !doomed.some((d) => sameElement(definition, item, d)));
    if (kept.length === existing.length) return;
    if (definition.mutability === "immutable") throw mutability(`"${label(attribute)}" is immutable`);
    if (kept.length === 0) {
      checkMayUnassign(attribute);
      delete holder[name];
      tidy(state, attribute);
    } else {
      holder[name] = kept;
    }
    return;
  }

  // RFC 7644 §3.5.2.2: the attribute and all its values are removed.
  checkMayUnassign(attribute);
  if (!holder || !hasValue(existing)) return;
  checkImmutable(definition, existing, undefined, label(attribute));
  delete holder[name];
  tidy(state, attribute);
}

