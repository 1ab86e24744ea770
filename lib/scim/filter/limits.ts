// Hard limits on filter input. A filter arrives from the network (query string, /.search body, PATCH path), so
// every dimension that costs parse or evaluation work is bounded; exceeding one is a 400 invalidFilter that says
// which limit (RFC 7644 §3.4.2.2 leaves limits to the service provider).

/** Longest filter text accepted, in UTF-16 code units. */
export const MAX_FILTER_LENGTH = 4096;
/** Deepest nesting of parentheses, `not` and `[...]` groups. Keeps the recursive-descent parser far from the stack limit. */
export const MAX_FILTER_DEPTH = 32;
/** Most comparisons (`pr` and compareOp expressions, counting those inside `[...]`) in one filter. */
export const MAX_FILTER_COMPARISONS = 256;
