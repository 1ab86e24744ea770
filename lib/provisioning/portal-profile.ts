import type { StoredResource } from "@/lib/scim/patch/types";

/** The portal's view of a directory user: what provisioning copies onto the portal account. */
export interface PortalProfile {
  userName: string;
  name: string | null;
  active: boolean;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** displayName, else name.formatted, else "givenName familyName". */
export function portalProfileOf(resource: StoredResource, userName: string, active: boolean): PortalProfile {
  const name = (resource.name ?? {}) as Record<string, unknown>;
  const joined = [text(name.givenName), text(name.familyName)].filter(Boolean).join(" ");
  return { userName, active, name: text(resource.displayName) ?? text(name.formatted) ?? (joined || null) };
}
