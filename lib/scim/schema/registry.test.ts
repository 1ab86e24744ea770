import { describe, expect, it } from "vitest";
import { COMMON_ATTRIBUTES } from "./common";
import { coreUserSchema } from "./core-user";
import { attribute } from "./define";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, ORGANIZATION_EXTENSION_SCHEMA, registry, ScimRegistry, USER_RESOURCE_TYPE, USER_SCHEMA } from "./registry";
import type { SchemaDefinition } from "./types";

describe("registry.resolve", () => {
  it.each([
    ["userName", USER_SCHEMA, ["userName"], false],
    ["USERNAME", USER_SCHEMA, ["userName"], false],
    ["name.FamilyName", USER_SCHEMA, ["name", "familyName"], false],
    ["emails.value", USER_SCHEMA, ["emails", "value"], false],
    ["meta.lastModified", USER_SCHEMA, ["meta", "lastModified"], false],
    ["id", USER_SCHEMA, ["id"], false],
    ["externalId", USER_SCHEMA, ["externalId"], false],
    [`${USER_SCHEMA}:userName`, USER_SCHEMA, ["userName"], false],
    [`${USER_SCHEMA.toUpperCase()}:name.givenName`, USER_SCHEMA, ["name", "givenName"], false],
    [`${ENTERPRISE_USER_SCHEMA}:manager.value`, ENTERPRISE_USER_SCHEMA, ["manager", "value"], true],
    [`${ENTERPRISE_USER_SCHEMA}:manager`, ENTERPRISE_USER_SCHEMA, ["manager"], true],
    // RFC 7644 §3.10: the extension URN SHOULD be given; unambiguous names resolve without it.
    ["employeeNumber", ENTERPRISE_USER_SCHEMA, ["employeeNumber"], true],
  ])("resolves %s", (path, schema, names, extension) => {
    const resolved = registry.resolve("User", path);
    expect(resolved).toMatchObject({ schema, names, extension });
    expect(resolved?.definition.name).toBe(names[names.length - 1]);
  });

  it("gives the complex parent of a sub-attribute", () => {
    const resolved = registry.resolve("User", "name.familyName");
    expect(resolved?.parent?.name).toBe("name");
    expect(registry.resolve("User", "name")?.parent).toBeUndefined();
  });

  it.each([
    "shoeSize",
    "name.shoeSize",
    "userName.value",
    "name.givenName.extra",
    "urn:example:unknown:userName",
    `${ENTERPRISE_USER_SCHEMA}:userName`,
    ENTERPRISE_USER_SCHEMA,
    "",
    "members",
  ])("returns undefined for %j", (path) => {
    expect(registry.resolve("User", path)).toBeUndefined();
  });

  it("keeps Group and User attributes apart", () => {
    expect(registry.resolve("Group", "members.value")?.names).toEqual(["members", "value"]);
    expect(registry.resolve("Group", `${GROUP_SCHEMA}:displayName`)?.schema).toBe(GROUP_SCHEMA);
    expect(registry.resolve("Group", "userName")).toBeUndefined();
  });

  it("resolveSub resolves a sub-attribute of a complex attribute only", () => {
    const emails = registry.resolve("User", "emails");
    expect(emails && registry.resolveSub(emails, "TYPE")).toMatchObject({ names: ["emails", "type"], extension: false });
    const manager = registry.resolve("User", `${ENTERPRISE_USER_SCHEMA}:manager`);
    expect(manager && registry.resolveSub(manager, "value")).toMatchObject({ schema: ENTERPRISE_USER_SCHEMA, names: ["manager", "value"], extension: true });
    const userName = registry.resolve("User", "userName");
    expect(userName && registry.resolveSub(userName, "value")).toBeUndefined();
    const emailValue = registry.resolve("User", "emails.value");
    expect(emailValue && registry.resolveSub(emailValue, "value")).toBeUndefined();
  });
});

describe("registry lookups", () => {
  it("finds schemas by URN case-insensitively and lists a resource type's schemas core first", () => {
    expect(registry.schema(USER_SCHEMA.toLowerCase())?.id).toBe(USER_SCHEMA);
    expect(registry.schema("urn:example:nothing")).toBeUndefined();
    expect(registry.schemasOf("User").map((s) => s.id)).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA, ORGANIZATION_EXTENSION_SCHEMA]);
    expect(registry.schemasOf("Group").map((s) => s.id)).toEqual([GROUP_SCHEMA, ORGANIZATION_EXTENSION_SCHEMA]);
    expect(registry.resourceType("Group").endpoint).toBe("/Groups");
  });

  it("is extensible with schemas given to the constructor", () => {
    const ORG = "urn:example:params:scim:schemas:extension:organization:2.0:Membership";
    const organization: SchemaDefinition = {
      id: ORG,
      name: "Organization",
      description: "Organisation membership",
      attributes: [attribute("organizationId", "string", "The organisation", { caseExact: true })],
    };
    const custom = new ScimRegistry(
      [{ ...USER_RESOURCE_TYPE, schemaExtensions: [...USER_RESOURCE_TYPE.schemaExtensions, { schema: ORG, required: false }] }],
      [...registry.schemas(), organization],
    );
    expect(custom.resolve("User", `${ORG}:organizationId`)).toMatchObject({ schema: ORG, extension: true, names: ["organizationId"] });
    expect(custom.resolve("User", "organizationId")?.schema).toBe(ORG);
    expect(registry.resolve("User", `${ORG}:organizationId`)).toBeUndefined();
  });

  it("an unqualified name defined by two extensions is ambiguous and does not resolve", () => {
    const twin = (id: string): SchemaDefinition => ({ id, name: id, description: "", attributes: [attribute("shared", "string", "")] });
    const custom = new ScimRegistry(
      [{ ...USER_RESOURCE_TYPE, schemaExtensions: [{ schema: "urn:a:ext", required: false }, { schema: "urn:b:ext", required: false }] }],
      [coreUserSchema, twin("urn:a:ext"), twin("urn:b:ext")],
    );
    expect(custom.resolve("User", "shared")).toBeUndefined();
    expect(custom.resolve("User", "urn:b:ext:shared")?.schema).toBe("urn:b:ext");
  });

  it("resolves our organization extension on both User and Group, qualified or not", () => {
    for (const type of ["User", "Group"] as const) {
      expect(registry.resolve(type, `${ORGANIZATION_EXTENSION_SCHEMA}:organizations`)).toMatchObject({ schema: ORGANIZATION_EXTENSION_SCHEMA, extension: true });
      expect(registry.resolve(type, "Organizations")?.definition).toMatchObject({ type: "string", multiValued: true, caseExact: false, mutability: "readWrite" });
    }
    // The Enterprise User "organization" (singular) stays distinct.
    expect(registry.resolve("User", "organization")?.schema).toBe(ENTERPRISE_USER_SCHEMA);
  });

  it("refuses a resource type naming a schema it was not given", () => {
    expect(() => new ScimRegistry([USER_RESOURCE_TYPE], [coreUserSchema])).toThrow(ENTERPRISE_USER_SCHEMA);
  });
});

describe("schema definitions (RFC 7643 §3.1, §4, §8.7.1)", () => {
  const definition = (path: string, type: "User" | "Group" = "User") => {
    const resolved = registry.resolve(type, path);
    if (!resolved) throw new Error(`no ${path}`);
    return resolved.definition;
  };

  it("has every core User attribute in RFC order", () => {
    expect(coreUserSchema.attributes.map((a) => a.name)).toEqual([
      "userName", "name", "displayName", "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone",
      "active", "password", "emails", "phoneNumbers", "ims", "photos", "addresses", "groups", "entitlements", "roles", "x509Certificates",
    ]);
    expect(definition("name").subAttributes?.map((a) => a.name)).toEqual([
      "formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix",
    ]);
    expect(definition("addresses").subAttributes?.map((a) => a.name)).toEqual([
      "formatted", "streetAddress", "locality", "region", "postalCode", "country", "type", "primary",
    ]);
  });

  it("carries the characteristics that matter", () => {
    expect(definition("userName")).toMatchObject({ required: true, caseExact: false, uniqueness: "server", returned: "default" });
    expect(definition("password")).toMatchObject({ mutability: "writeOnly", returned: "never" });
    expect(definition("groups")).toMatchObject({ mutability: "readOnly", multiValued: true });
    expect(definition("groups.$ref")).toMatchObject({ type: "reference", referenceTypes: ["User", "Group"], mutability: "readOnly" });
    expect(definition("profileUrl")).toMatchObject({ type: "reference", referenceTypes: ["external"] });
    expect(definition("photos.value")).toMatchObject({ type: "reference", referenceTypes: ["external"] });
    expect(definition("x509Certificates.value").type).toBe("binary");
    expect(definition("emails.type").canonicalValues).toEqual(["work", "home", "other"]);
    expect(definition("phoneNumbers.type").canonicalValues).toEqual(["work", "home", "mobile", "fax", "pager", "other"]);
    expect(definition("ims.type").canonicalValues).toEqual(["aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"]);
    expect(definition("photos.type").canonicalValues).toEqual(["photo", "thumbnail"]);
    expect(definition(`${ENTERPRISE_USER_SCHEMA}:manager.$ref`).referenceTypes).toEqual(["User"]);
    expect(definition(`${ENTERPRISE_USER_SCHEMA}:manager.displayName`).mutability).toBe("readOnly");
    expect(definition("members.type", "Group")).toMatchObject({ canonicalValues: ["User", "Group"], mutability: "immutable" });
    expect(definition("members.$ref", "Group").referenceTypes).toEqual(["User", "Group"]);
  });

  it("has the common attributes of §3.1", () => {
    expect(COMMON_ATTRIBUTES.map((a) => a.name)).toEqual(["id", "externalId", "meta"]);
    expect(definition("id")).toMatchObject({ caseExact: true, mutability: "readOnly", returned: "always", uniqueness: "server" });
    expect(definition("externalId")).toMatchObject({ caseExact: true, mutability: "readWrite" });
    expect(definition("meta")).toMatchObject({ mutability: "readOnly", type: "complex" });
    expect(definition("meta").subAttributes?.map((a) => a.name)).toEqual(["resourceType", "created", "lastModified", "location", "version"]);
    expect(definition("meta.created").type).toBe("dateTime");
  });
});
