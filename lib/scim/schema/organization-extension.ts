// Our extension (RFC 7643 §3.3): which of the account's organizations a user or group belongs to, so that one SCIM
// endpoint serves several organizations. The values are organization keys (Organization.key), compared
// case-insensitively; how they bind access is lib/access's business (see lib/access/README.md).
import { attribute } from "./define";
import type { SchemaDefinition } from "./types";

export const ORGANIZATION_EXTENSION_URN = "urn:ietf:params:scim:schemas:extension:fedportal:2.0:Organization";

export const organizationExtensionSchema: SchemaDefinition = {
  id: ORGANIZATION_EXTENSION_URN,
  name: "Organization",
  description: "The portal organizations a user or group belongs to",
  attributes: [
    attribute(
      "organizations",
      "string",
      "Keys of the portal organizations the resource belongs to (as shown on the organization's page). A group bound to organizations grants roles only inside them.",
      { multiValued: true },
    ),
  ],
};
