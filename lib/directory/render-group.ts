import { etagOf } from "@/lib/scim/etag";
import { renderResource, type Projection } from "@/lib/scim/resource-output";
import type { GroupMember } from "./group-members";

export interface DirectoryGroupRecord {
  id: string;
  attributes: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A directory group as a SCIM response body; `members` is undefined when not requested (never read then). */
export function renderGroup(row: DirectoryGroupRecord, baseUrl: string, members: GroupMember[] | undefined, projection?: Projection) {
  const attributes = { ...(row.attributes as Record<string, unknown>) };
  if (members?.length) {
    attributes.members = members.map((m) => ({
      value: m.value,
      ...(m.display !== null ? { display: m.display } : {}),
      type: m.type,
      $ref: `${baseUrl}/${m.type === "User" ? "Users" : "Groups"}/${m.value}`,
    }));
  }
  return renderResource(
    "Group",
    { id: row.id, attributes, meta: { created: row.createdAt, lastModified: row.updatedAt, version: etagOf(row.version), location: `${baseUrl}/Groups/${row.id}` } },
    projection,
  );
}
