// Common attributes of every resource, RFC 7643 §3.1. They belong to no schema (they are not listed in
// /Schemas) and are resolved for every resource type.
import { attribute } from "./define";
import type { AttributeDefinition } from "./types";

export const COMMON_ATTRIBUTES: AttributeDefinition[] = [
  attribute("id", "string", "A unique identifier for a SCIM resource as defined by the service provider.", {
    caseExact: true,
    mutability: "readOnly",
    returned: "always",
    uniqueness: "server",
  }),
  attribute("externalId", "string", "A String that is an identifier for the resource as defined by the provisioning client.", {
    caseExact: true,
  }),
  attribute("meta", "complex", "A complex attribute containing resource metadata.", {
    mutability: "readOnly",
    subAttributes: [
      attribute("resourceType", "string", "The name of the resource type of the resource.", { caseExact: true, mutability: "readOnly" }),
      attribute("created", "dateTime", "The DateTime that the resource was added to the service provider.", { mutability: "readOnly" }),
      attribute(
        "lastModified",
        "dateTime",
        "The most recent DateTime that the details of this resource were updated at the service provider.",
        { mutability: "readOnly" },
      ),
      attribute("location", "reference", "The URI of the resource being returned.", { mutability: "readOnly", referenceTypes: ["uri"] }),
      attribute("version", "string", "The version of the resource being returned.", { caseExact: true, mutability: "readOnly" }),
    ],
  }),
];
