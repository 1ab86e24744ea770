// Which resource a SCIM request concerned, from its path (below /scim/v2) and, for a creation, the Location header
// of the response (RFC 7644 §3.3: it carries the new resource's URI).

export type ScimResourceType = "User" | "Group";

const TYPES: Record<string, ScimResourceType> = { users: "User", groups: "Group" };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function resourceOfRequest(path: string, location: string | null): { type: ScimResourceType | null; id: string | null } {
  const pathname = path.split("?")[0] ?? "";
  const [first, second] = pathname.split("/").filter(Boolean).map(decode);
  const type = first ? (TYPES[first.toLowerCase()] ?? null) : null;
  if (!type) return { type: null, id: null };
  if (second !== undefined && second !== ".search") return { type, id: second.slice(0, 200) };
  if (location) {
    const created = decode(location.split("?")[0]!.split("/").filter(Boolean).at(-1) ?? "");
    if (created) return { type, id: created.slice(0, 200) };
  }
  return { type, id: null };
}
