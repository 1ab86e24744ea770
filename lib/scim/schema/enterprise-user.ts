// The Enterprise User extension, RFC 7643 §4.3, with the characteristics of its JSON representation in §8.7.1.
import { attribute } from "./define";
import type { SchemaDefinition } from "./types";

export const ENTERPRISE_USER_SCHEMA_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

export const enterpriseUserSchema: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA_URN,
  name: "EnterpriseUser",
  description: "Enterprise User",
  attributes: [
    attribute(
      "employeeNumber",
      "string",
      "Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.",
    ),
    attribute("costCenter", "string", "Identifies the name of a cost center."),
    attribute("organization", "string", "Identifies the name of an organization."),
    attribute("division", "string", "Identifies the name of a division."),
    attribute("department", "string", "Identifies the name of a department."),
    attribute(
      "manager",
      "complex",
      "The User's manager.  A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      {
        subAttributes: [
          attribute("value", "string", "The id of the SCIM resource representing the User's manager.  REQUIRED."),
          attribute("$ref", "reference", "The URI of the SCIM resource representing the User's manager.  REQUIRED.", {
            referenceTypes: ["User"],
          }),
          attribute("displayName", "string", "The displayName of the User's manager.  OPTIONAL and READ-ONLY.", {
            mutability: "readOnly",
          }),
        ],
      },
    ),
  ],
};
