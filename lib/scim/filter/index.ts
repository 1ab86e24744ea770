// SCIM filters (RFC 7644 §3.4.2.2): parse, evaluate in memory, print.
export type { AndNode, AttrRef, CompareNode, CompareOp, FilterNode, FilterValue, NotNode, OrNode, PresentNode, ValuePathNode } from "./ast";
export { COMPARE_OPS, walkFilter } from "./ast";
export { parseFilter, parseValueFilter, toAttrRef, type ParseFilterOptions } from "./parser";
export { matchesFilter, matchesValueFilter, valuesOf, isPresent, type FilterTarget } from "./evaluate";
export { printFilter, printAttrRef } from "./print";
export { MAX_FILTER_COMPARISONS, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from "./limits";
export { parseDateTime, normaliseDateTime } from "./datetime";
