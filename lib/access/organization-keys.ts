// Reading our SCIM organization extension from a stored directory resource. The directory keeps what the IdP
// sent; here values are normalised for matching against Organization.key (stored lower-case).
import { ORGANIZATION_EXTENSION_URN } from "@/lib/scim/schema/organization-extension";

/** The raw values of `organizations` in a stored resource's extension (a lone string counts as one value). */
export function organizationValuesOf(attributes: unknown): string[] {
  if (attributes === null || typeof attributes !== "object") return [];
  const extension = (attributes as Record<string, unknown>)[ORGANIZATION_EXTENSION_URN];
  if (extension === null || typeof extension !== "object") return [];
  return stringValues((extension as Record<string, unknown>).organizations);
}

/** A stored multi-valued string attribute's values (a lone string counts as one; anything else is dropped). */
export function stringValues(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === "string");
}

/**
 * Keys to match: lower-cased, trimmed, without duplicates. A value may hold several keys separated by commas:
 * Entra ID sends custom attributes as single strings (it cannot send a multi-valued custom attribute).
 */
export function normaliseOrganizationKeys(values: readonly string[]): string[] {
  const keys = values.flatMap((value) => value.split(",")).map((key) => key.trim().toLowerCase());
  return [...new Set(keys.filter((key) => key !== ""))];
}
