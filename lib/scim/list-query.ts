// List parameters of GET /Users, /Groups (RFC 7644 §3.4.2) and POST /.search (§3.4.3), and the ListResponse.
import { attributePath } from "./attribute-value";
import { invalidSyntax, invalidValue } from "./errors";
import { excerpt, isJsonObject } from "./json";
import { registry as defaultRegistry, type ResolvedAttribute, type ResourceTypeName, type ScimRegistry } from "./schema/registry";

export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const SEARCH_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
export const DEFAULT_MAX_RESULTS = 1000;

export type SortOrder = "ascending" | "descending";

export interface ListQuery {
  filter?: string;
  /** Canonical attribute path ("userName", "name.familyName", "urn:...:enterprise:2.0:User:employeeNumber"). */
  sortBy?: string;
  /** The resolved sortBy attribute, for the code that turns it into ORDER BY. */
  sortAttribute?: ResolvedAttribute;
  sortOrder: SortOrder;
  /** 1-based (§3.4.2.4). */
  startIndex: number;
  count: number;
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListQueryOptions {
  /** The most resources one page returns (ServiceProviderConfig filter.maxResults); also the default count. */
  maxResults?: number;
  registry?: ScimRegistry;
}

interface RawListQuery {
  filter?: unknown;
  sortBy?: unknown;
  sortOrder?: unknown;
  startIndex?: unknown;
  count?: unknown;
  attributes?: unknown;
  excludedAttributes?: unknown;
}

const PARAMETERS = ["filter", "sortBy", "sortOrder", "startIndex", "count", "attributes", "excludedAttributes"] as const;
type Parameter = (typeof PARAMETERS)[number];

function parameterNamed(name: string): Parameter | undefined {
  return PARAMETERS.find((p) => p.toLowerCase() === name.toLowerCase());
}

/** GET query parameters. Names are matched case-insensitively; attributes lists are comma-separated. */
export function parseListQuery(type: ResourceTypeName, params: URLSearchParams, opts: ListQueryOptions = {}): ListQuery {
  const raw: RawListQuery = {};
  const lists: Partial<Record<"attributes" | "excludedAttributes", string[]>> = {};
  for (const [name, value] of params) {
    const parameter = parameterNamed(name);
    if (!parameter) continue; // other parameters are not ours to judge
    if (parameter === "attributes" || parameter === "excludedAttributes") {
      (lists[parameter] ??= []).push(value);
      continue;
    }
    if (raw[parameter] !== undefined && raw[parameter] !== value) throw invalidValue(`The parameter "${parameter}" is given more than once`);
    raw[parameter] = value;
  }
  if (lists.attributes) raw.attributes = lists.attributes.join(",");
  if (lists.excludedAttributes) raw.excludedAttributes = lists.excludedAttributes.join(",");
  return normalizeListQuery(type, raw, opts);
}

/** POST /.search body (RFC 7644 §3.4.3): a SearchRequest message with the same parameters as JSON members. */
export function parseSearchRequest(type: ResourceTypeName, body: unknown, opts: ListQueryOptions = {}): ListQuery {
  if (!isJsonObject(body)) throw invalidSyntax("The request body must be a JSON object");
  const raw: RawListQuery = {};
  let schemas: unknown;
  for (const [name, value] of Object.entries(body)) {
    if (name.toLowerCase() === "schemas") schemas = value;
    const parameter = parameterNamed(name);
    if (parameter) raw[parameter] = value;
  }
  const urns = Array.isArray(schemas) ? schemas : [];
  if (!urns.some((urn) => typeof urn === "string" && urn.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase())) {
    throw invalidSyntax(`A search request must have "schemas": ["${SEARCH_REQUEST_SCHEMA}"]`);
  }
  return normalizeListQuery(type, raw, opts);
}

function normalizeListQuery(type: ResourceTypeName, raw: RawListQuery, opts: ListQueryOptions): ListQuery {
  const registry = opts.registry ?? defaultRegistry;
  const maxResults = opts.maxResults ?? DEFAULT_MAX_RESULTS;
  const query: ListQuery = {
    sortOrder: sortOrderOf(raw.sortOrder),
    // §3.4.2.4: "A value less than 1 SHALL be interpreted as 1."
    startIndex: Math.max(1, integerOf("startIndex", raw.startIndex) ?? 1),
    // §3.4.2.4: a negative count "SHALL be interpreted as 0"; above maxResults the server returns at most
    // maxResults; when absent, the server chooses: a full page.
    count: Math.min(maxResults, Math.max(0, integerOf("count", raw.count) ?? maxResults)),
  };
  const filter = stringOf("filter", raw.filter);
  if (filter !== undefined && filter.trim() !== "") query.filter = filter;
  const sortBy = stringOf("sortBy", raw.sortBy);
  if (sortBy !== undefined && sortBy.trim() !== "") {
    const attribute = sortAttributeOf(registry, type, sortBy.trim());
    query.sortBy = attributePath(attribute);
    query.sortAttribute = attribute;
  }
  const attributes = listOf("attributes", raw.attributes);
  if (attributes) query.attributes = attributes;
  // Both lists at once are accepted: RFC 7644 §3.4.2.5 does not forbid it; the projection applies both.
  const excludedAttributes = listOf("excludedAttributes", raw.excludedAttributes);
  if (excludedAttributes) query.excludedAttributes = excludedAttributes;
  return query;
}

function stringOf(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalidValue(`"${name}" must be a string`);
  return value;
}

function integerOf(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) n = Number(value);
  else throw invalidValue(`"${name}" must be an integer, got ${excerpt(value)}`);
  if (!Number.isInteger(n)) throw invalidValue(`"${name}" must be an integer, got ${excerpt(value)}`);
  // Beyond 2^53 the value no longer means anything precise; it is as good as "very large".
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, n));
}

/** §3.4.2.3: "ascending" or "descending", the default being ascending; matched case-insensitively. */
function sortOrderOf(value: unknown): SortOrder {
  const text = stringOf("sortOrder", value);
  if (text === undefined || text.trim() === "") return "ascending";
  const order = text.trim().toLowerCase();
  if (order === "ascending" || order === "descending") return order;
  throw invalidValue(`"sortOrder" must be "ascending" or "descending", got ${excerpt(text)}`);
}

/**
 * §3.4.2.3: sortBy names a singular attribute, or a multi-valued one (sorted by its primary value); a complex
 * attribute has no value to sort by, and an attribute that is never returned must not leak through ordering.
 */
function sortAttributeOf(registry: ScimRegistry, type: ResourceTypeName, sortBy: string): ResolvedAttribute {
  const resolved = registry.resolve(type, sortBy);
  if (!resolved) throw invalidValue(`Cannot sort by ${excerpt(sortBy)}: no such attribute`);
  const { definition } = resolved;
  if (definition.returned === "never") throw invalidValue(`Cannot sort by "${attributePath(resolved)}"`);
  if (definition.type === "complex") {
    // "emails" means its primary (or first) value: sort on emails.value.
    const value = definition.multiValued ? registry.resolveSub(resolved, "value") : undefined;
    if (!value) throw invalidValue(`Cannot sort by the complex attribute "${attributePath(resolved)}"; name a sub-attribute`);
    return value;
  }
  return resolved;
}

function listOf(name: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  let items: string[];
  if (typeof value === "string") items = value.split(",");
  else if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) items = value.flatMap((v) => v.split(","));
  else throw invalidValue(`"${name}" must be a list of attribute names`);
  const names = items.map((item) => item.trim()).filter((item) => item !== "");
  return names.length > 0 ? names : undefined;
}

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

/** RFC 7644 §3.4.2: totalResults, startIndex and itemsPerPage are integers (Okta checks). */
export function buildListResponse<T>(
  resources: T[],
  page: { totalResults: number; startIndex: number; itemsPerPage?: number },
): ListResponse<T> {
  const itemsPerPage = page.itemsPerPage ?? resources.length;
  for (const [name, value] of Object.entries({ totalResults: page.totalResults, startIndex: page.startIndex, itemsPerPage })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`ListResponse ${name} must be a non-negative integer, got ${value}`);
  }
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: page.totalResults, startIndex: page.startIndex, itemsPerPage, Resources: resources };
}
