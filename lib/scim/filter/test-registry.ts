// A registry for tests with attribute types the standard schemas lack (integer, decimal, binary, a caseExact
// string, an immutable attribute, a multi-valued string, a dateTime), in a test extension of User.
import { attribute } from "../schema/define";
import { coreUserSchema } from "../schema/core-user";
import { enterpriseUserSchema } from "../schema/enterprise-user";
import { groupSchema } from "../schema/group";
import { organizationExtensionSchema } from "../schema/organization-extension";
import { GROUP_RESOURCE_TYPE, ScimRegistry, USER_RESOURCE_TYPE } from "../schema/registry";
import type { SchemaDefinition } from "../schema/types";

export const TEST_EXTENSION = "urn:example:params:scim:schemas:extension:test:2.0:User";

export const testExtensionSchema: SchemaDefinition = {
  id: TEST_EXTENSION,
  name: "TestUser",
  description: "Attribute types for tests",
  attributes: [
    attribute("level", "integer", "An integer."),
    attribute("score", "decimal", "A decimal."),
    attribute("badge", "binary", "Base64 bytes."),
    attribute("code", "string", "A case-sensitive string.", { caseExact: true }),
    attribute("serial", "string", "Set once.", { mutability: "immutable" }),
    attribute("tags", "string", "Several strings.", { multiValued: true }),
    attribute("since", "dateTime", "An instant."),
  ],
};

export const testRegistry = new ScimRegistry(
  [{ ...USER_RESOURCE_TYPE, schemaExtensions: [...USER_RESOURCE_TYPE.schemaExtensions, { schema: TEST_EXTENSION, required: false }] }, GROUP_RESOURCE_TYPE],
  [coreUserSchema, enterpriseUserSchema, testExtensionSchema, groupSchema, organizationExtensionSchema],
);
