// The core Group schema, RFC 7643 §4.2, with the characteristics of its JSON representation in §8.7.1.
import { attribute } from "./define";
import type { SchemaDefinition } from "./types";

export const GROUP_SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

export const groupSchema: SchemaDefinition = {
  id: GROUP_SCHEMA_URN,
  name: "Group",
  description: "Group",
  attributes: [
    // §4.2 says "displayName ... REQUIRED"; the §8.7.1 JSON says required false. We follow the prose: a group
    // without a name cannot be shown to administrators or matched by the IdPs (both look groups up by it).
    attribute("displayName", "string", "A human-readable name for the Group. REQUIRED.", { required: true }),
    attribute("members", "complex", "A list of members of the Group.", {
      multiValued: true,
      subAttributes: [
        // required: a member without "value" names nothing (§4.2: "value" contains the member's "id").
        attribute("value", "string", "Identifier of the member of this Group.", { mutability: "immutable", required: true }),
        attribute("$ref", "reference", "The URI corresponding to a SCIM resource that is a member of this Group.", {
          mutability: "immutable",
          referenceTypes: ["User", "Group"],
        }),
        // Enforced: the membership table needs to know whether a member is a user or a nested group.
        attribute("type", "string", "A label indicating the type of resource, e.g., 'User' or 'Group'.", {
          mutability: "immutable",
          canonicalValues: ["User", "Group"],
          enforceCanonicalValues: true,
        }),
        // Not in the §8.7.1 JSON, but §2.4 defines "display" for multi-valued attributes and both Entra and
        // Okta send it on members.
        attribute("display", "string", "A human-readable name for the member, primarily used for display purposes.", {
          mutability: "immutable",
        }),
      ],
    }),
  ],
};
