import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "./errors";
import { entraCreateGroup, entraCreateUser, oktaCreateUser, oktaReplaceGroup, oktaReplaceUserDeactivate } from "./fixtures/idp-requests";
import { enterpriseUser, fullUser, group } from "./fixtures/rfc7643-examples";
import { normalizeAttributeValue, parseResource } from "./resource-input";
import { coreUserSchema } from "./schema/core-user";
import { attribute } from "./schema/define";
import { enterpriseUserSchema } from "./schema/enterprise-user";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, registry, ScimRegistry, USER_RESOURCE_TYPE, USER_SCHEMA } from "./schema/registry";

const user = (attributes: Record<string, unknown>) => ({ schemas: [USER_SCHEMA], userName: "bjensen@example.com", ...attributes });

/** The ScimError thrown by fn (fails the test when fn does not throw one). */
function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error("expected a ScimError");
}

describe("parseResource: RFC 7643 examples", () => {
  it("§8.2 full User: every writable attribute stored canonically, no id/meta/groups, password apart", () => {
    const parsed = parseResource("User", fullUser());
    expect(parsed.password).toBe("t1meMa$heen");
    const { id: _id, meta: _meta, groups: _groups, password: _password, schemas: _schemas, ...writable } = fullUser();
    expect(parsed.attributes).toEqual(writable);
    expect(Object.keys(parsed.attributes)).not.toContain("password");
  });

  it("§8.3 Enterprise User: extension stored under its URN, manager.displayName (readOnly) dropped", () => {
    const parsed = parseResource("User", enterpriseUser());
    expect(parsed.attributes[ENTERPRISE_USER_SCHEMA]).toEqual({
      employeeNumber: "701984",
      costCenter: "4130",
      organization: "Universal Studios",
      division: "Theme Park",
      department: "Tour Operations",
      manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d", $ref: "../Users/26118915-6090-4610-87e4-49d8ca9f808d" },
    });
  });

  it("§8.4 Group: members kept for the membership table", () => {
    const parsed = parseResource("Group", group());
    expect(parsed.attributes).toEqual({ displayName: "Tour Guides", members: group().members });
  });
});

describe("parseResource: IdP dialects", () => {
  it("Entra create user: meta and roles: [] are dropped, enterprise attributes kept", () => {
    const parsed = parseResource("User", entraCreateUser());
    expect(parsed).toEqual({
      attributes: {
        externalId: "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
        userName: "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@contoso.com",
        active: true,
        emails: [{ primary: true, type: "work", value: "Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com" }],
        name: { formatted: "givenName familyName", familyName: "familyName", givenName: "givenName" },
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "1234", department: "Sales" },
      },
    });
  });

  it("Entra create group: its Microsoft schema URN is tolerated and ignored", () => {
    expect(parseResource("Group", entraCreateGroup()).attributes).toEqual({
      externalId: "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
      displayName: "displayName",
    });
  });

  it("Okta create user: groups: [] ignored (readOnly), password returned apart", () => {
    const parsed = parseResource("User", oktaCreateUser());
    expect(parsed.password).toBe("1mz050nq");
    expect(parsed.attributes).not.toHaveProperty("groups");
    expect(parsed.attributes).not.toHaveProperty("password");
    expect(parsed.attributes.userName).toBe("test.user@okta.local");
    expect(parsed.attributes.active).toBe(true);
  });

  it("Okta PUT deactivation: id and meta ignored, active false kept", () => {
    const parsed = parseResource("User", oktaReplaceUserDeactivate());
    expect(parsed.attributes.active).toBe(false);
    expect(parsed.attributes).not.toHaveProperty("id");
    expect(parsed.attributes).not.toHaveProperty("meta");
  });

  it("Okta PUT group: members without type are kept as sent", () => {
    expect(parseResource("Group", oktaReplaceGroup()).attributes.members).toEqual(oktaReplaceGroup().members);
  });

  it.each([
    ["True", true],
    ["False", false],
    ["true", true],
    ["false", false],
  ])("Entra boolean string %s becomes %s", (text, value) => {
    const parsed = parseResource("User", user({ active: text, emails: [{ value: "a@b.c", primary: text }] }));
    expect(parsed.attributes.active).toBe(value);
    expect(parsed.attributes.emails).toEqual([{ value: "a@b.c", primary: value }]);
  });

  it("Entra member with $ref: null: the null is dropped", () => {
    const parsed = parseResource("Group", { schemas: [GROUP_SCHEMA], displayName: "G", members: [{ value: "u1", $ref: null }] });
    expect(parsed.attributes.members).toEqual([{ value: "u1" }]);
  });
});

describe("parseResource: names", () => {
  it("attribute and sub-attribute names are case-insensitive and stored canonically", () => {
    const parsed = parseResource("User", {
      SCHEMAS: [USER_SCHEMA.toUpperCase()],
      USERNAME: "bjensen",
      Name: { FamilyName: "Jensen", GIVENNAME: "Barbara" },
      EMAILS: [{ VALUE: "b@example.com", Primary: true }],
    });
    expect(parsed.attributes).toEqual({
      userName: "bjensen",
      name: { familyName: "Jensen", givenName: "Barbara" },
      emails: [{ value: "b@example.com", primary: true }],
    });
  });

  it("extension attributes URN-qualified at the top level are stored under the URN", () => {
    const parsed = parseResource(
      "User",
      user({
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: "42",
        [`${ENTERPRISE_USER_SCHEMA.toLowerCase()}:Manager`]: { Value: "m1" },
      }),
    );
    expect(parsed.attributes[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: "42", manager: { value: "m1" } });
  });

  it("core attributes may be URN-qualified too", () => {
    expect(parseResource("User", { schemas: [USER_SCHEMA], [`${USER_SCHEMA}:userName`]: "x" }).attributes).toEqual({ userName: "x" });
  });

  it("the same attribute given twice (in different case) is refused", () => {
    const error = scimError(() => parseResource("User", user({ USERNAME: "other" })));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe("invalidValue");
    expect(error.message).toContain("userName");
  });

  it("an extension object given nested and an attribute of it qualified at once is refused only when they overlap", () => {
    const ok = parseResource(
      "User",
      user({ [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "1" }, [`${ENTERPRISE_USER_SCHEMA}:department`]: "D" }),
    );
    expect(ok.attributes[ENTERPRISE_USER_SCHEMA]).toEqual({ employeeNumber: "1", department: "D" });
    expect(() =>
      parseResource("User", user({ [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "1" }, [`${ENTERPRISE_USER_SCHEMA}:employeeNumber`]: "2" })),
    ).toThrow(/given more than once/);
  });

  it("an empty extension object, or one listed in schemas with no attributes, leaves nothing stored", () => {
    const parsed = parseResource("User", user({ schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: {} }));
    expect(parsed.attributes).toEqual({ userName: "bjensen@example.com" });
  });

  it("a sub-attribute path as a body key is refused", () => {
    expect(() => parseResource("User", user({ "name.givenName": "B" }))).toThrow(/sub-attribute path/);
  });
});

describe("parseResource: refusals", () => {
  it.each([null, [], "text", 42])("a body that is not an object (%j) is invalidSyntax", (body) => {
    const error = scimError(() => parseResource("User", body));
    expect([error.status, error.scimType]).toEqual([400, "invalidSyntax"]);
  });

  it("a body without schemas is invalidSyntax", () => {
    expect(scimError(() => parseResource("User", { userName: "x" })).scimType).toBe("invalidSyntax");
  });

  it("schemas without the core schema is invalidValue", () => {
    const error = scimError(() => parseResource("User", { schemas: [ENTERPRISE_USER_SCHEMA], userName: "x" }));
    expect(error.scimType).toBe("invalidValue");
    expect(error.message).toContain(USER_SCHEMA);
  });

  it("an unknown schema URN is invalidValue naming it", () => {
    const error = scimError(() => parseResource("User", user({ schemas: [USER_SCHEMA, "urn:example:unknown"] })));
    expect(error.scimType).toBe("invalidValue");
    expect(error.message).toContain("urn:example:unknown");
  });

  it("the Group schema is unknown to a User", () => {
    expect(() => parseResource("User", user({ schemas: [USER_SCHEMA, GROUP_SCHEMA] }))).toThrow(GROUP_SCHEMA);
  });

  it("an unknown attribute is invalidValue naming it", () => {
    const error = scimError(() => parseResource("User", user({ favouriteColour: "blue" })));
    expect(error.scimType).toBe("invalidValue");
    expect(error.message).toContain("favouriteColour");
  });

  it("an unknown URN-qualified attribute and an unknown sub-attribute are refused", () => {
    expect(() => parseResource("User", user({ [ENTERPRISE_USER_SCHEMA]: { shoeSize: "9" } }))).toThrow(/shoeSize/);
    expect(() => parseResource("User", user({ name: { nickname: "B" } }))).toThrow(/nickname/);
  });

  it.each([
    ["userName", 42, /userName.*string/],
    ["active", "yes", /active.*boolean/],
    ["active", 1, /active.*boolean/],
    ["name", "Barbara Jensen", /name.*object/],
    ["displayName", ["Babs"], /single-valued/],
    ["emails", [{ value: 5 }], /emails\.value.*string/],
    ["emails", ["b@example.com"], /emails.*object/],
    ["emails", [null], /emails/],
    ["profileUrl", false, /profileUrl.*reference/],
    ["x509Certificates", [{ value: "not base64!" }], /x509Certificates\.value.*base64/],
  ])("%s = %j is invalidValue", (name, value, message) => {
    const error = scimError(() => parseResource("User", user({ [name]: value })));
    expect(error.scimType).toBe("invalidValue");
    expect(error.message).toMatch(message);
  });

  it("a Group's displayName and a member's value are required", () => {
    expect(scimError(() => parseResource("Group", { schemas: [GROUP_SCHEMA] })).message).toMatch(/displayName.*required/);
    expect(() => parseResource("Group", { schemas: [GROUP_SCHEMA], displayName: "G", members: [{ display: "x" }] })).toThrow(
      /members\.value.*required/,
    );
  });

  it("member types are User or Group, in any case, stored canonically", () => {
    const parsed = parseResource("Group", { schemas: [GROUP_SCHEMA], displayName: "G", members: [{ value: "g1", type: "group" }] });
    expect(parsed.attributes.members).toEqual([{ value: "g1", type: "Group" }]);
    expect(() => parseResource("Group", { schemas: [GROUP_SCHEMA], displayName: "G", members: [{ value: "x", type: "Device" }] })).toThrow(
      /members\.type/,
    );
  });

  it("userName must be present and non-empty after trimming, but is stored as sent", () => {
    expect(scimError(() => parseResource("User", { schemas: [USER_SCHEMA] })).message).toMatch(/userName.*required/);
    expect(scimError(() => parseResource("User", { schemas: [USER_SCHEMA], userName: "   " })).message).toMatch(/userName.*empty/);
    expect(scimError(() => parseResource("User", { schemas: [USER_SCHEMA], userName: null })).message).toMatch(/userName.*required/);
    expect(parseResource("User", { schemas: [USER_SCHEMA], userName: " Bjensen " }).attributes.userName).toBe(" Bjensen ");
  });

  it("more than one primary value is invalidValue (RFC 7643 §2.4)", () => {
    const error = scimError(() =>
      parseResource("User", user({ emails: [{ value: "a@x.y", primary: true }, { value: "b@x.y", primary: "True" }] })),
    );
    expect(error.scimType).toBe("invalidValue");
    expect(error.message).toMatch(/emails.*primary/);
  });
});

describe("parseResource: unassigned values and leniency", () => {
  it("null and [] mean unassigned and are dropped", () => {
    const parsed = parseResource("User", user({ displayName: null, roles: [], emails: [], name: { givenName: null } }));
    expect(parsed.attributes).toEqual({ userName: "bjensen@example.com" });
  });

  it("canonicalValues of type sub-attributes are not enforced", () => {
    const parsed = parseResource("User", user({ emails: [{ value: "a@x.y", type: "corporate" }] }));
    expect(parsed.attributes.emails).toEqual([{ value: "a@x.y", type: "corporate" }]);
  });

  it("a lone object where an array is expected is taken as a one-element array", () => {
    const parsed = parseResource("User", user({ emails: { value: "a@x.y", primary: true } }));
    expect(parsed.attributes.emails).toEqual([{ value: "a@x.y", primary: true }]);
  });

  it("a null password is no password", () => {
    expect(parseResource("User", user({ password: null })).password).toBeUndefined();
  });
});

describe("parseResource: every attribute type, in an extension of our own", () => {
  const EXT = "urn:example:params:scim:schemas:extension:types:2.0:User";
  const typesRegistry = (required: boolean) =>
    new ScimRegistry(
      [{ ...USER_RESOURCE_TYPE, schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }, { schema: EXT, required }] }],
      [
        coreUserSchema,
        enterpriseUserSchema,
        {
          id: EXT,
          name: "Types",
          description: "",
          attributes: [
            attribute("level", "integer", ""),
            attribute("score", "decimal", ""),
            attribute("since", "dateTime", ""),
            attribute("badge", "binary", ""),
            attribute("tags", "string", "", { multiValued: true }),
            attribute("orgId", "string", "", { required: true }),
          ],
        },
      ],
    );
  const parse = (values: Record<string, unknown>, required = false) =>
    parseResource("User", { schemas: [USER_SCHEMA, EXT], userName: "u", [EXT]: { orgId: "o", ...values } }, { registry: typesRegistry(required) });

  it("accepts well-typed values", () => {
    expect(parse({ level: 3, score: 2.5, since: "2024-02-29T12:00:00Z", badge: "AAEC", tags: ["a", "b"] }).attributes[EXT]).toEqual({
      orgId: "o",
      level: 3,
      score: 2.5,
      since: "2024-02-29T12:00:00Z",
      badge: "AAEC",
      tags: ["a", "b"],
    });
  });

  it.each([
    ["level", 2.5, /integer/],
    ["level", "3", /integer/],
    ["score", "2.5", /decimal/],
    ["since", "2023-02-29T12:00:00Z", /xsd:dateTime/],
    ["badge", "AAE", /base64/],
    ["tags", [1], /string/],
  ])("%s = %j is invalidValue", (name, value, message) => {
    expect(() => parse({ [name]: value })).toThrow(message);
  });

  it("a required attribute of an extension in use must be present", () => {
    expect(() =>
      parseResource("User", { schemas: [USER_SCHEMA, EXT], userName: "u", [EXT]: { level: 1 } }, { registry: typesRegistry(false) }),
    ).toThrow(`${EXT}:orgId`);
    // Not in use: nothing required of it.
    expect(parseResource("User", { schemas: [USER_SCHEMA], userName: "u" }, { registry: typesRegistry(false) }).attributes).toEqual({ userName: "u" });
  });

  it("a required extension must be present", () => {
    expect(() => parseResource("User", { schemas: [USER_SCHEMA], userName: "u" }, { registry: typesRegistry(true) })).toThrow(
      /extension.*required/,
    );
  });
});

describe("normalizeAttributeValue", () => {
  const resolve = (path: string) => {
    const resolved = registry.resolve("User", path);
    if (!resolved) throw new Error(`cannot resolve ${path}`);
    return resolved;
  };

  it("coerces and checks one value at any depth", () => {
    expect(normalizeAttributeValue(resolve("active"), "False")).toBe(false);
    expect(normalizeAttributeValue(resolve("emails.primary"), "TRUE")).toBe(true);
    expect(normalizeAttributeValue(resolve("name"), { GivenName: "A" })).toEqual({ givenName: "A" });
    expect(normalizeAttributeValue(resolve(`${ENTERPRISE_USER_SCHEMA}:manager`), { value: "m", displayName: "x" })).toEqual({ value: "m" });
    expect(normalizeAttributeValue(resolve("roles"), [])).toBeUndefined();
  });

  it("names extension attributes URN-qualified in its errors", () => {
    expect(() => normalizeAttributeValue(resolve(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`), 7)).toThrow(
      `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
    );
  });

  it("checks xsd:dateTime values", () => {
    const created = resolve("meta.created");
    expect(normalizeAttributeValue(created, "2010-01-23T04:56:22Z")).toBe("2010-01-23T04:56:22Z");
    expect(normalizeAttributeValue(created, "2010-01-23T04:56:22.123+05:30")).toBe("2010-01-23T04:56:22.123+05:30");
    for (const bad of ["2010-02-30T00:00:00Z", "2010-01-23", "yesterday", "2010-13-01T00:00:00Z", "2010-01-23T24:00:00Z"]) {
      expect(() => normalizeAttributeValue(created, bad)).toThrow(/xsd:dateTime/);
    }
  });
});

describe("parseResource: property", () => {
  it("on arbitrary JSON it returns or throws a 400 ScimError, nothing else", () => {
    const coreKeys = fc.constantFrom("userName", "name", "emails", "active", "password", "groups", "meta", "roles", "x509Certificates");
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const body = fc.oneof(
      anyJson,
      fc.dictionary(fc.oneof(coreKeys, fc.string()), anyJson).map((d) => ({ schemas: [USER_SCHEMA], ...d })),
      fc.record({ schemas: fc.constant([USER_SCHEMA]), userName: anyJson, emails: anyJson, name: anyJson, active: anyJson }),
    );
    fc.assert(
      fc.property(body, (value) => {
        try {
          const parsed = parseResource("User", value);
          expect(parsed.attributes).toBeTypeOf("object");
        } catch (error) {
          expect(error).toBeInstanceOf(ScimError);
          expect((error as ScimError).status).toBe(400);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
