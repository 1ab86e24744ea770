import { invalidValue } from "@/lib/scim/errors";
import type { StoredResource } from "@/lib/scim/patch/types";
import { userNameKey } from "@/lib/users/user-name";

/** The columns promoted from a stored User resource, for indexes and uniqueness. */
export function userColumns(attributes: StoredResource) {
  const userName = attributes.userName;
  if (typeof userName !== "string" || !userName.trim()) throw invalidValue("userName is required.");
  const emails = Array.isArray(attributes.emails) ? attributes.emails : [];
  const emailKeys = [
    ...new Set(
      emails
        .map((e) => (e && typeof e === "object" ? (e as Record<string, unknown>).value : undefined))
        .filter((v): v is string => typeof v === "string")
        .map((v) => v.trim().toLowerCase()),
    ),
  ];
  return {
    userName,
    userNameKey: userNameKey(userName),
    externalId: typeof attributes.externalId === "string" ? attributes.externalId : null,
    // RFC 7643 leaves a missing "active" undefined; a user the IdP provisions without it is taken as active.
    active: attributes.active !== false,
    emailKeys,
  };
}
