import { OrganizationError } from "./errors";

export const MAX_NAME_LENGTH = 120;
export const MAX_KEY_LENGTH = 63;
/** What an organization key may look like once lower-cased: a letter or digit, then letters, digits and hyphens. */
export const ORGANIZATION_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** A display name: trimmed, inner runs of whitespace collapsed, 1 to MAX_NAME_LENGTH characters. */
export function normalizeName(raw: string, what: "organization" | "project"): string {
  const name = raw.replace(/\s+/g, " ").trim();
  if (name === "") throw new OrganizationError("invalid-name", `Give the ${what} a name.`);
  if (name.length > MAX_NAME_LENGTH) throw new OrganizationError("invalid-name", `Use at most ${MAX_NAME_LENGTH} characters for the ${what}'s name.`);
  return name;
}

/**
 * An organization key as stored: lower-cased and checked against ORGANIZATION_KEY_PATTERN; empty means "no key".
 * Identity providers send the key in our SCIM organization extension, so it must survive any IdP's casing.
 */
export function normalizeOrganizationKey(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const key = raw.trim().toLowerCase();
  if (key === "") return null;
  if (!ORGANIZATION_KEY_PATTERN.test(key)) {
    throw new OrganizationError(
      "invalid-key",
      `A key is 1 to ${MAX_KEY_LENGTH} characters: letters, digits and hyphens, starting with a letter or a digit (for example "emea-sales").`,
    );
  }
  return key;
}
