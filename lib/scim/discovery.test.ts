import { describe, expect, it } from "vitest";
import {
  buildResourceTypeById,
  buildResourceTypes,
  buildSchemaById,
  buildSchemas,
  buildServiceProviderConfig,
  renderAttributeDefinition,
} from "./discovery";
import { ScimError } from "./errors";
import { LIST_RESPONSE_SCHEMA } from "./list-query";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, ORGANIZATION_EXTENSION_SCHEMA, registry, USER_SCHEMA } from "./schema/registry";

const BASE = "https://portal.example.com/scim/v2/";

describe("discovery", () => {
  it("ServiceProviderConfig (RFC 7643 §5)", () => {
    const config = buildServiceProviderConfig(
      {
        documentationUri: "https://portal.example.com/docs/scim",
        patch: true,
        bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
        filter: { supported: true, maxResults: 1000 },
        changePassword: false,
        sort: true,
        etag: true,
      },
      BASE,
    );
    expect(config).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      documentationUri: "https://portal.example.com/docs/scim",
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: "oauthbearertoken",
          name: "OAuth Bearer Token",
          description: expect.any(String) as string,
          specUri: "https://www.rfc-editor.org/info/rfc6750",
          primary: true,
        },
      ],
      meta: { resourceType: "ServiceProviderConfig", location: "https://portal.example.com/scim/v2/ServiceProviderConfig" },
    });
  });

  it("ResourceTypes (RFC 7643 §6) as a ListResponse, and one by name", () => {
    const list = buildResourceTypes(BASE);
    expect(list).toMatchObject({ schemas: [LIST_RESPONSE_SCHEMA], totalResults: 2, startIndex: 1, itemsPerPage: 2 });
    expect(list.Resources[0]).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "User Account",
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        { schema: ORGANIZATION_EXTENSION_SCHEMA, required: false },
      ],
      meta: { resourceType: "ResourceType", location: "https://portal.example.com/scim/v2/ResourceTypes/User" },
    });
    expect(buildResourceTypeById("group", BASE)).toMatchObject({
      id: "Group",
      schema: GROUP_SCHEMA,
      schemaExtensions: [{ schema: ORGANIZATION_EXTENSION_SCHEMA, required: false }],
    });
    expect(() => buildResourceTypeById("Device", BASE)).toThrow(ScimError);
  });

  it("Schemas (RFC 7643 §7): every schema, no common attributes, full characteristics", () => {
    const list = buildSchemas(BASE);
    expect(list.Resources.map((s) => s.id)).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, ORGANIZATION_EXTENSION_SCHEMA]);
    const user = buildSchemaById(USER_SCHEMA.toUpperCase(), BASE);
    expect(user).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
      id: USER_SCHEMA,
      name: "User",
      meta: { resourceType: "Schema", location: `https://portal.example.com/scim/v2/Schemas/${USER_SCHEMA}` },
    });
    const attributes = user.attributes as Record<string, unknown>[];
    expect(attributes.map((a) => a.name)).not.toContain("id");
    expect(attributes[0]).toEqual({
      name: "userName",
      type: "string",
      multiValued: false,
      description: expect.stringContaining("Unique identifier for the User") as string,
      required: true,
      caseExact: false,
      mutability: "readWrite",
      returned: "default",
      uniqueness: "server",
    });
    const emails = attributes.find((a) => a.name === "emails") as { subAttributes: Record<string, unknown>[] };
    expect(emails.subAttributes.find((s) => s.name === "type")).toMatchObject({ canonicalValues: ["work", "home", "other"] });
    const groups = attributes.find((a) => a.name === "groups") as { subAttributes: Record<string, unknown>[] };
    expect(groups.subAttributes.find((s) => s.name === "$ref")).toMatchObject({ referenceTypes: ["User", "Group"] });
    expect(() => buildSchemaById("urn:nothing", BASE)).toThrow(/not found/);
  });

  it("attribute definitions carry every characteristic and no private ones", () => {
    for (const schema of registry.schemas()) {
      for (const attribute of schema.attributes) {
        const rendered = renderAttributeDefinition(attribute);
        for (const key of ["name", "type", "multiValued", "description", "required", "caseExact", "mutability", "returned", "uniqueness"]) {
          expect(rendered).toHaveProperty(key);
        }
        expect(rendered).not.toHaveProperty("enforceCanonicalValues");
        if (attribute.type === "complex") expect(rendered.subAttributes).toHaveLength(attribute.subAttributes?.length ?? -1);
      }
    }
    const members = registry.resolve("Group", "members.type");
    expect(members && renderAttributeDefinition(members.definition)).not.toHaveProperty("enforceCanonicalValues");
  });
});
