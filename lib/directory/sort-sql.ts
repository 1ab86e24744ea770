// ORDER BY for SCIM list queries (RFC 7644 §3.4.2.3), always ending with the id so that paging by
// startIndex/count is stable across pages (Okta reads 100 at a time).
//
// - Without sortBy: creation order ("createdAt", then id), so resources created while a client pages through
//   the list land on later pages instead of shifting the pages already read.
// - String attributes sort case-insensitively unless caseExact, by code point ("Unicode alphabetic sort order,
//   with no specific locale implied"); userName and Group displayName by their lower-cased key columns, which
//   the (accountId, key) unique indexes deliver in order. Numbers numerically, booleans false first, dateTime
//   as instants (the stored text parsed as filter-sql.ts does), meta.version by its number.
// - A multi-valued attribute sorts by its primary value, else its first (§3.4.2.3). For Group members and
//   User groups, "first" follows the order in which they are rendered: members users then groups, each by id;
//   groups (direct or through nested groups) by group id.
// - Resources without a value ("no data": absent, null or "") come last when ascending and first when
//   descending (§3.4.2.3: "they are ordered last if ascending and first if descending").
import { Prisma } from "@/lib/generated/prisma/client";
import type { SortOrder } from "@/lib/scim/list-query";
import type { ResolvedAttribute, ResourceTypeName } from "@/lib/scim/schema/registry";
import {
  column,
  foldSql,
  jsonBooleanSql,
  jsonElementsSql,
  jsonGet,
  jsonInstantSql,
  jsonNumberSql,
  jsonTextSql,
  quoteAlias,
  userDisplaySql,
} from "./filter-sql";

type Sql = Prisma.Sql;

function textKey(text: Sql, caseExact: boolean): Sql {
  const value = Prisma.sql`NULLIF(${text}, '')`;
  return caseExact ? Prisma.sql`(${value} COLLATE "C")` : foldSql(value);
}

/** The sort value of the first member of a group (users before groups, each by id). */
function firstMemberKey(a: Sql, sub: string | undefined): Sql | undefined {
  const memberId = Prisma.sql`COALESCE(_m."memberUserId", _m."memberGroupId")`;
  let value: Sql;
  switch (sub) {
    case "value":
    case "$ref":
      value = Prisma.sql`${memberId}::text`;
      break;
    case "type":
      value = Prisma.sql`(CASE WHEN _m."memberUserId" IS NOT NULL THEN 'user' ELSE 'group' END)`;
      break;
    case "display":
      value = foldSql(Prisma.sql`COALESCE((SELECT ${userDisplaySql(Prisma.raw("_u"))} FROM "DirectoryUser" _u WHERE _u.id = _m."memberUserId"), (SELECT _g."displayName" FROM "DirectoryGroup" _g WHERE _g.id = _m."memberGroupId"))`);
      break;
    default:
      return undefined;
  }
  return Prisma.sql`(SELECT ${value} FROM "DirectoryMembership" _m WHERE _m."accountId" = ${column(a, "accountId")} AND _m."groupId" = ${column(a, "id")} ORDER BY _m."memberUserId" IS NULL, ${memberId} LIMIT 1)`;
}

/** The sort value of the first of a user's groups (direct or through nested groups), by group id. */
function firstGroupKey(a: Sql, sub: string | undefined): Sql | undefined {
  let value: Sql;
  switch (sub) {
    case "value":
    case "$ref":
      value = Prisma.sql`_x.gid::text`;
      break;
    case "display":
      value = foldSql(Prisma.sql`_g."displayName"`);
      break;
    case "type":
      value = Prisma.sql`(CASE WHEN _x.direct THEN 'direct' ELSE 'indirect' END)`;
      break;
    default:
      return undefined;
  }
  const accountId = column(a, "accountId");
  return Prisma.sql`(WITH RECURSIVE _c(gid, direct) AS (
      SELECT _m."groupId", TRUE FROM "DirectoryMembership" _m WHERE _m."accountId" = ${accountId} AND _m."memberUserId" = ${column(a, "id")}
      UNION
      SELECT _m."groupId", FALSE FROM "DirectoryMembership" _m JOIN _c ON _m."memberGroupId" = _c.gid WHERE _m."accountId" = ${accountId}
    ) SELECT ${value} FROM (SELECT gid, bool_or(direct) AS direct FROM _c GROUP BY gid) _x JOIN "DirectoryGroup" _g ON _g.id = _x.gid
    ORDER BY _x.gid LIMIT 1)`;
}

/** The value a resource sorts by, or undefined when every resource has the same (meta.resourceType). */
function sortKey(type: ResourceTypeName, attr: ResolvedAttribute, a: Sql): Sql | undefined {
  const [top, sub] = attr.names;
  const definition = attr.definition;
  if (!attr.extension) {
    switch (top) {
      case "id":
        return column(a, "id");
      case "externalId":
        return textKey(column(a, "externalId"), definition.caseExact);
      case "userName":
        if (type === "User") return column(a, "userNameKey");
        break;
      case "displayName":
        if (type === "Group") return column(a, "displayNameKey");
        break;
      case "meta":
        switch (sub) {
          case "created":
            return column(a, "createdAt");
          case "lastModified":
            return column(a, "updatedAt");
          case "version":
            return column(a, "version");
          case "location":
            return column(a, "id");
          default:
            return undefined;
        }
      case "members":
        if (type === "Group") return firstMemberKey(a, sub);
        break;
      case "groups":
        if (type === "User") return firstGroupKey(a, sub);
        break;
    }
  }
  if (top === undefined) return undefined;
  const attributes = column(a, "attributes");
  const base = attr.extension ? jsonGet(attributes, attr.schema) : attributes;
  const parent = attr.parent;
  let value: Sql;
  if (!parent) {
    const v = jsonGet(base, top);
    // A multi-valued simple attribute has no "primary": its first value.
    value = definition.multiValued ? Prisma.sql`(CASE WHEN jsonb_typeof(${v}) = 'array' THEN ${v} -> 0 ELSE ${v} END)` : v;
  } else if (sub === undefined) {
    return undefined;
  } else if (!parent.multiValued) {
    value = jsonGet(jsonGet(base, top), sub);
  } else {
    // §3.4.2.3: "the value of the primary attribute, if any, or else the first value in the list".
    value = Prisma.sql`(SELECT _e.v -> ${sub}::text FROM ${jsonElementsSql(jsonGet(base, top))} WITH ORDINALITY AS _e(v, n)
      ORDER BY COALESCE(_e.v -> 'primary' = 'true'::jsonb, FALSE) DESC, _e.n LIMIT 1)`;
  }
  switch (definition.type) {
    case "integer":
    case "decimal":
      return jsonNumberSql(value);
    case "boolean":
      return jsonBooleanSql(value);
    case "dateTime":
      return jsonInstantSql(value);
    case "complex":
      return undefined;
    default:
      return textKey(jsonTextSql(value), definition.caseExact);
  }
}

/**
 * `ORDER BY ...` for a list query on "DirectoryUser" / "DirectoryGroup" rows under `alias`. `sortAttribute` is
 * ListQuery.sortAttribute (lib/scim/list-query.ts), already checked to be sortable.
 */
export function orderBySql(type: ResourceTypeName, sortAttribute: ResolvedAttribute | undefined, sortOrder: SortOrder, alias: string): Prisma.Sql {
  const a = quoteAlias(alias);
  const id = column(a, "id");
  if (!sortAttribute) return Prisma.sql`ORDER BY ${column(a, "createdAt")}, ${id}`;
  const key = sortKey(type, sortAttribute, a);
  if (!key) return Prisma.sql`ORDER BY ${id}`;
  const direction = sortOrder === "descending" ? Prisma.sql`DESC NULLS FIRST` : Prisma.sql`ASC NULLS LAST`;
  return Prisma.sql`ORDER BY ${key} ${direction}, ${id}`;
}
