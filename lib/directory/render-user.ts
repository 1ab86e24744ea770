import { etagOf } from "@/lib/scim/etag";
import { renderResource, type Projection } from "@/lib/scim/resource-output";
import type { UserGroupRef } from "./user-groups";

export interface DirectoryUserRecord {
  id: string;
  attributes: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A directory user as a SCIM response body (groups are computed from memberships). */
export function renderUser(row: DirectoryUserRecord, baseUrl: string, groups: UserGroupRef[] | undefined, projection?: Projection) {
  const attributes = { ...(row.attributes as Record<string, unknown>) };
  if (groups?.length) attributes.groups = groups.map((g) => ({ ...g, $ref: `${baseUrl}/Groups/${g.value}` }));
  return renderResource(
    "User",
    {
      id: row.id,
      attributes,
      meta: { created: row.createdAt, lastModified: row.updatedAt, version: etagOf(row.version), location: `${baseUrl}/Users/${row.id}` },
    },
    projection,
  );
}
