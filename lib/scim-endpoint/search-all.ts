import { listResources } from "@/lib/directory/list-operations";
import type { ScimContext } from "@/lib/directory/scim-context";
import { parseFilter } from "@/lib/scim/filter";
import { buildListResponse, parseSearchRequest, type ListQuery } from "@/lib/scim/list-query";
import { isScimError } from "@/lib/scim/errors";
import type { ResourceTypeName } from "@/lib/scim/schema/registry";

/**
 * POST /.search at the root (RFC 7644 §3.4.3): searches every resource type. A filter that names an attribute one
 * type lacks simply matches none of that type; it is an error only when no type can evaluate it. Results are
 * Users then Groups, each in its own order, paged over the concatenation.
 */
export async function searchAll(ctx: ScimContext, body: unknown) {
  const types: ResourceTypeName[] = ["User", "Group"];
  const queries: { type: ResourceTypeName; query: ListQuery }[] = [];
  let firstError: unknown;
  for (const type of types) {
    try {
      const query = parseSearchRequest(type, body);
      if (query.filter !== undefined) parseFilter(type, query.filter);
      queries.push({ type, query });
    } catch (e) {
      if (!isScimError(e)) throw e;
      firstError ??= e;
    }
  }
  if (queries.length === 0) throw firstError;

  const first = queries[0]!.query;
  let skip = first.startIndex - 1;
  let remaining = first.count;
  let totalResults = 0;
  const resources: Record<string, unknown>[] = [];
  for (const { type, query } of queries) {
    const total = (await listResources(ctx, type, { ...query, startIndex: 1, count: 0 })).totalResults;
    totalResults += total;
    if (remaining > 0 && skip < total) {
      const page = await listResources(ctx, type, { ...query, startIndex: skip + 1, count: remaining });
      resources.push(...page.Resources);
      remaining -= page.Resources.length;
    }
    skip = Math.max(0, skip - total);
  }
  return buildListResponse(resources, { totalResults, startIndex: first.startIndex, itemsPerPage: resources.length });
}
