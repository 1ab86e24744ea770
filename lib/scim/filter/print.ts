// Prints a parsed filter back as RFC 7644 filter text in canonical form: canonical attribute names (extension
// attributes URN-qualified), lower-case keywords, JSON-quoted strings. parseFilter(printFilter(ast)) equals ast.
// Also used to log filters and in error messages.

import type { AttrRef, FilterNode, FilterValue } from "./ast";

export function printAttrRef(attr: AttrRef, prefix = 0): string {
  if (prefix > 0) return attr.path.slice(prefix).join(".");
  const name = attr.path.join(".");
  return attr.extension ? `${attr.schema}:${name}` : name;
}

function printValue(value: FilterValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

export function printFilter(node: FilterNode, prefix = 0): string {
  switch (node.kind) {
    case "compare":
      return `${printAttrRef(node.attr, prefix)} ${node.op} ${printValue(node.value)}`;
    case "present":
      return `${printAttrRef(node.attr, prefix)} pr`;
    case "and":
      // "or" binds more loosely than "and", so an "or" operand needs parentheses.
      return node.children.map((child) => (child.kind === "or" ? `(${printFilter(child, prefix)})` : printFilter(child, prefix))).join(" and ");
    case "or":
      return node.children.map((child) => printFilter(child, prefix)).join(" or ");
    case "not":
      return `not (${printFilter(node.child, prefix)})`;
    case "valuePath":
      return `${printAttrRef(node.attr, prefix)}[${printFilter(node.filter, node.attr.path.length)}]`;
  }
}
