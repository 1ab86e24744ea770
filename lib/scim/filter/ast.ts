// The parsed form of a SCIM filter (RFC 7644 §3.4.2.2). Attribute references are resolved through the schema
// registry when the filter is parsed, so every consumer (the in-memory evaluator, PATCH value filters, the SQL
// translation in the domain layer) sees canonical attribute names and types, never the client's spelling.
//
// Normalisations made by the parser, so consumers have fewer cases:
// - `and`/`or` are n-ary and flattened (`a and (b and c)` is one `and` with three children);
// - `attr eq null` becomes `not (attr pr)`, `attr ne null` becomes `attr pr`;
// - a comparison on a complex attribute without a sub-attribute compares its `value` sub-attribute
//   (`emails co "x"` is `emails.value co "x"`, as in the RFC 7644 §3.4.2.2 examples);
// - Entra's `emails[type eq "work"].value eq "x"` becomes `emails[type eq "work" and value eq "x"]`;
// - comparison values are typed for the attribute: booleans for boolean attributes, numbers for integer and
//   decimal, dateTime as a normalised ISO 8601 instant string ("2011-05-13T04:42:34.000Z"), strings otherwise.

import type { AttributeType } from "../schema/types";
import type { ResolvedAttribute } from "../schema/registry";

export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";

export const COMPARE_OPS: readonly CompareOp[] = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];

export type FilterValue = string | number | boolean;

/** A resolved attribute as the filter uses it. */
export interface AttrRef {
  /** Canonical names from the resource (or, for an extension, from the extension object): ["name", "familyName"]. */
  path: string[];
  /** Schema URN the attribute belongs to. */
  schema: string;
  /** True when the attribute lives under its schema URN key in the resource (an extension schema). */
  extension: boolean;
  type: AttributeType;
  /** Whether string comparison is case-sensitive (RFC 7643 §2.2). */
  caseExact: boolean;
  /** True when the attribute itself or its parent is multi-valued: "any value matches" semantics apply. */
  multiValued: boolean;
  /** The registry's resolution, for consumers that need more (mutability, sub-attributes). */
  resolved: ResolvedAttribute;
}

export interface CompareNode {
  kind: "compare";
  attr: AttrRef;
  op: CompareOp;
  value: FilterValue;
}

export interface PresentNode {
  kind: "present";
  attr: AttrRef;
}

export interface AndNode {
  kind: "and";
  /** Two or more; none is itself an `and`. */
  children: FilterNode[];
}

export interface OrNode {
  kind: "or";
  /** Two or more; none is itself an `or`. */
  children: FilterNode[];
}

export interface NotNode {
  kind: "not";
  child: FilterNode;
}

/**
 * `attr[filter]`: matches when one value of the complex attribute `attr` satisfies `filter` as a whole.
 * The leaves of `filter` reference sub-attributes of `attr` (their `path` starts with `attr.path`).
 */
export interface ValuePathNode {
  kind: "valuePath";
  attr: AttrRef;
  filter: FilterNode;
}

export type FilterNode = CompareNode | PresentNode | AndNode | OrNode | NotNode | ValuePathNode;

/** Visits every node, parents first. Iterative (no recursion), so safe for any tree. */
export function walkFilter(root: FilterNode, visit: (node: FilterNode) => void): void {
  const stack: FilterNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    visit(node);
    switch (node.kind) {
      case "and":
      case "or":
        for (let i = node.children.length - 1; i >= 0; i--) {
          const child = node.children[i];
          if (child !== undefined) stack.push(child);
        }
        break;
      case "not":
        stack.push(node.child);
        break;
      case "valuePath":
        stack.push(node.filter);
        break;
      default:
        break;
    }
  }
}
