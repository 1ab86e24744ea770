// PATCH "path" parsing, RFC 7644 §3.5.2 (Figure 7: PATH = attrPath / valuePath [subAttr]).
//
// Names are resolved through the registry, case-insensitively (RFC 7643 §2.1), URN-qualified or not:
// "name.familyName", "emails[type eq \"work\"].value", "urn:...:enterprise:2.0:User:manager",
// "urn:...:enterprise:2.0:User:manager.value", "members[value eq \"id\"]".
//
// Errors (RFC 7644 §3.12, Table 9): a malformed path or an unknown attribute is 400 invalidPath; a malformed
// filter inside the brackets is 400 invalidFilter (its own grammar, Figure 1).

import { invalidPath } from "../errors";
import { excerpt } from "../json";
import { parseValueFilter, type FilterNode, type ParseFilterOptions } from "../filter";
import { registry as defaultRegistry, type ResolvedAttribute, type ResourceTypeName } from "../schema/registry";

/** Longest PATCH path accepted (the filter inside is further bounded by the filter limits). */
export const MAX_PATH_LENGTH = 4096;

export interface PatchPath {
  /** The top-level attribute (`names.length === 1`). */
  attribute: ResolvedAttribute;
  /** The filter in brackets; its leaves reference sub-attributes of `attribute`. */
  valueFilter?: FilterNode;
  /** The sub-attribute, from "name.familyName" or from the ".value" after a value filter. */
  subAttribute?: ResolvedAttribute;
}

/** The top-level attribute a resolution belongs to. */
export function topLevelOf(resolved: ResolvedAttribute): ResolvedAttribute {
  if (!resolved.parent) return resolved;
  const name = resolved.names[0] ?? resolved.parent.name;
  return { schema: resolved.schema, definition: resolved.parent, names: [name], extension: resolved.extension };
}

/** Offset of the "]" closing the "[" at `open`, skipping JSON strings; -1 when there is none. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "]") return i;
  }
  return -1;
}

export function parsePatchPath(resourceType: ResourceTypeName, path: string, opts: ParseFilterOptions = {}): PatchPath {
  const registry = opts.registry ?? defaultRegistry;
  if (path.length > MAX_PATH_LENGTH) throw invalidPath(`The path is longer than ${MAX_PATH_LENGTH} characters`);
  const text = path.trim();
  if (text === "") throw invalidPath("The path is empty");
  const open = text.indexOf("[");
  const attrText = open === -1 ? text : text.slice(0, open);
  if (!/^[A-Za-z$_][A-Za-z0-9$_:.\-]*$/.test(attrText)) {
    throw invalidPath(`Invalid path ${excerpt(path)}: expected an attribute name such as "name.familyName" or "emails[type eq \\"work\\"].value"`);
  }
  const resolved = registry.resolve(resourceType, attrText);
  if (!resolved) throw invalidPath(`Invalid path ${excerpt(path)}: unknown attribute ${excerpt(attrText)} for resource type ${resourceType}`);
  if (open === -1) {
    return resolved.parent ? { attribute: topLevelOf(resolved), subAttribute: resolved } : { attribute: resolved };
  }

  if (resolved.parent || resolved.definition.type !== "complex" || !resolved.definition.multiValued) {
    throw invalidPath(`Invalid path ${excerpt(path)}: a [filter] can only follow a multi-valued complex attribute such as "emails"`);
  }
  const close = closingBracket(text, open);
  if (close === -1) throw invalidPath(`Invalid path ${excerpt(path)}: missing "]"`);
  const valueFilter = parseValueFilter(resourceType, resolved, text.slice(open + 1, close), opts);
  const rest = text.slice(close + 1);
  if (rest === "") return { attribute: resolved, valueFilter };
  const sub = /^\.([A-Za-z$_][A-Za-z0-9$_\-]*)$/.exec(rest);
  if (!sub?.[1]) throw invalidPath(`Invalid path ${excerpt(path)}: after "]" only ".subAttribute" may follow`);
  const subAttribute = registry.resolveSub(resolved, sub[1]);
  if (!subAttribute) throw invalidPath(`Invalid path ${excerpt(path)}: "${resolved.names.join(".")}" has no sub-attribute ${excerpt(sub[1])}`);
  return { attribute: resolved, valueFilter, subAttribute };
}
