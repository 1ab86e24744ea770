import { parseFilter } from "@/lib/scim/filter";
import { buildListResponse, type ListQuery } from "@/lib/scim/list-query";
import { wantsAttribute, type Projection } from "@/lib/scim/resource-output";
import type { ResourceTypeName } from "@/lib/scim/schema/registry";
import { membersOfGroup } from "./group-members";
import { listDirectoryRows } from "./list-resources";
import { renderGroup } from "./render-group";
import { renderUser } from "./render-user";
import type { ScimContext } from "./scim-context";
import type { DirectoryUserRow } from "./rows";
import { userGroupRefs } from "./user-groups";

/** GET /Users, GET /Groups and POST /.search (RFC 7644 §3.4.2, §3.4.3): filtered, sorted, paged in SQL. */
export async function listResources(ctx: ScimContext, type: ResourceTypeName, query: ListQuery) {
  const filter = query.filter !== undefined ? parseFilter(type, query.filter) : undefined;
  const projection: Projection = { attributes: query.attributes, excludedAttributes: query.excludedAttributes };
  const withUserGroups = type === "User" && wantsAttribute("User", projection, "groups");
  const { totalResults, rows } = await listDirectoryRows(ctx.accountId, type, {
    withUserGroups,
    filter,
    sortAttribute: query.sortAttribute,
    sortOrder: query.sortOrder,
    startIndex: query.startIndex,
    count: query.count,
    baseUrl: ctx.baseUrl,
  });
  let resources: Record<string, unknown>[];
  if (type === "User") {
    resources = (rows as DirectoryUserRow[]).map((row) => renderUser(row, ctx.baseUrl, row.groups && userGroupRefs(row.groups), projection));
  } else {
    const withMembers = wantsAttribute("Group", projection, "members");
    resources = [];
    for (const row of rows) {
      const members = withMembers ? await membersOfGroup(ctx.accountId, row.id) : undefined;
      resources.push(renderGroup(row, ctx.baseUrl, members, projection));
    }
  }
  return buildListResponse(resources, { totalResults, startIndex: query.startIndex, itemsPerPage: resources.length });
}
