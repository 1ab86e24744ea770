import { describe, expect, it } from "vitest";
import { enterpriseUser, fullUser, group } from "./fixtures/rfc7643-examples";
import { parseResource } from "./resource-input";
import { renderResource, wantsAttribute, type StoredResource } from "./resource-output";
import { coreUserSchema } from "./schema/core-user";
import { attribute } from "./schema/define";
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, ScimRegistry, USER_SCHEMA } from "./schema/registry";

/** What the database would hand back for an RFC example: the parsed body plus server-computed attributes. */
function storedFromExample(example: Record<string, unknown>, serverComputed: Record<string, unknown> = {}): StoredResource {
  const meta = example.meta as { created: string; lastModified: string; version: string; location: string };
  return {
    id: example.id as string,
    attributes: { ...parseResource(resourceTypeOf(example), example).attributes, ...serverComputed },
    meta: { created: new Date(meta.created), lastModified: new Date(meta.lastModified), version: meta.version, location: meta.location },
  };
}

function resourceTypeOf(example: Record<string, unknown>) {
  return (example.schemas as string[]).includes(GROUP_SCHEMA) ? "Group" : "User";
}

/** RFC timestamps have no milliseconds; ours are toISOString(). */
function withIsoMeta(example: Record<string, unknown>): Record<string, unknown> {
  const meta = example.meta as Record<string, string>;
  return {
    ...example,
    meta: { ...meta, created: new Date(meta.created!).toISOString(), lastModified: new Date(meta.lastModified!).toISOString() },
  };
}

const withoutPassword = ({ password: _password, ...rest }: Record<string, unknown>) => rest;

describe("renderResource: RFC 7643 examples round-trip through parseResource", () => {
  it("§8.2 full User (password never rendered)", () => {
    const stored = storedFromExample(fullUser(), { groups: fullUser().groups });
    expect(renderResource("User", stored)).toEqual(withIsoMeta(withoutPassword(fullUser())));
  });

  it("§8.3 Enterprise User, manager.displayName supplied by the server", () => {
    const example = enterpriseUser();
    const stored = storedFromExample(example, { groups: example.groups });
    const extension = stored.attributes[ENTERPRISE_USER_SCHEMA] as { manager: Record<string, unknown> };
    extension.manager.displayName = "John Smith";
    const rendered = renderResource("User", stored);
    expect(rendered).toEqual(withIsoMeta(withoutPassword(example)));
    expect(rendered.schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it("§8.4 Group", () => {
    expect(renderResource("Group", storedFromExample(group()))).toEqual(withIsoMeta(group()));
  });
});

describe("renderResource", () => {
  const stored: StoredResource = {
    id: "u1",
    attributes: {
      userName: "bjensen",
      externalId: "e1",
      name: { givenName: "Barbara", familyName: "Jensen" },
      emails: [
        { value: "b@example.com", type: "work", primary: true },
        { value: "babs@example.org", type: "home" },
      ],
      password: "should never leave",
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "42", manager: { value: "m1" } },
    },
    meta: { created: new Date("2024-01-01T00:00:00Z"), lastModified: new Date("2024-02-01T00:00:00Z"), version: 'W/"3"', location: "https://h/scim/v2/Users/u1" },
  };

  it("renders meta with resourceType, ISO dates, location and version", () => {
    expect(renderResource("User", stored).meta).toEqual({
      resourceType: "User",
      created: "2024-01-01T00:00:00.000Z",
      lastModified: "2024-02-01T00:00:00.000Z",
      location: "https://h/scim/v2/Users/u1",
      version: 'W/"3"',
    });
  });

  it("never renders the password, even when asked for it", () => {
    expect(renderResource("User", stored)).not.toHaveProperty("password");
    expect(renderResource("User", stored, { attributes: ["password"] })).not.toHaveProperty("password");
  });

  it("lists only the extensions present in schemas", () => {
    const { [ENTERPRISE_USER_SCHEMA]: _extension, ...core } = stored.attributes;
    expect(renderResource("User", { ...stored, attributes: core }).schemas).toEqual([USER_SCHEMA]);
    expect(renderResource("User", stored).schemas).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
  });

  it("attributes=userName returns schemas, id and userName only: meta is returned \"default\" (RFC 7644 §3.9)", () => {
    const rendered = renderResource("User", stored, { attributes: ["userName"] });
    expect(rendered).toEqual({ schemas: [USER_SCHEMA], id: "u1", userName: "bjensen" });
  });

  it("attributes names are case-insensitive and may name sub-attributes", () => {
    const rendered = renderResource("User", stored, { attributes: ["NAME.GIVENNAME", "emails.value"] });
    expect(rendered).toEqual({
      schemas: [USER_SCHEMA],
      id: "u1",
      name: { givenName: "Barbara" },
      emails: [{ value: "b@example.com" }, { value: "babs@example.org" }],
    });
  });

  it("attributes may be URN-qualified, or a bare extension URN", () => {
    expect(renderResource("User", stored, { attributes: [`${ENTERPRISE_USER_SCHEMA}:manager.value`] })).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      id: "u1",
      [ENTERPRISE_USER_SCHEMA]: { manager: { value: "m1" } },
    });
    expect(renderResource("User", stored, { attributes: [ENTERPRISE_USER_SCHEMA] })[ENTERPRISE_USER_SCHEMA]).toEqual({
      employeeNumber: "42",
      manager: { value: "m1" },
    });
    expect(renderResource("User", stored, { attributes: [`${USER_SCHEMA}:userName`, "meta.version"] })).toEqual({
      schemas: [USER_SCHEMA],
      id: "u1",
      userName: "bjensen",
      meta: { version: 'W/"3"' },
    });
  });

  it("excludedAttributes removes attributes and sub-attributes, never id", () => {
    const rendered = renderResource("User", stored, { excludedAttributes: ["emails", "name.familyName", "id", "meta", ENTERPRISE_USER_SCHEMA] });
    expect(rendered).toEqual({ schemas: [USER_SCHEMA], id: "u1", externalId: "e1", userName: "bjensen", name: { givenName: "Barbara" } });
  });

  it("attributes and excludedAttributes together: the selection, less the exclusions", () => {
    expect(renderResource("User", stored, { attributes: ["name"], excludedAttributes: ["name.givenName"] })).toEqual({
      schemas: [USER_SCHEMA],
      id: "u1",
      name: { familyName: "Jensen" },
    });
  });

  it("unknown names in attributes select nothing", () => {
    expect(renderResource("User", stored, { attributes: ["shoeSize"] })).toEqual({ schemas: [USER_SCHEMA], id: "u1" });
  });

  it("excludedAttributes=members leaves a group without members", () => {
    const stored = { id: "g1", attributes: { displayName: "G", members: [{ value: "u1" }] }, meta: { created: new Date(0), lastModified: new Date(0), version: 'W/"1"', location: "l" } };
    const rendered = renderResource("Group", stored, { excludedAttributes: ["members"] });
    expect(rendered).not.toHaveProperty("members");
    expect(rendered.displayName).toBe("G");
  });
});

describe("returned: request (RFC 7643 §7)", () => {
  const EXT = "urn:example:params:scim:schemas:extension:audit:2.0:User";
  const auditRegistry = new ScimRegistry(
    [{ name: "User", endpoint: "/Users", description: "", schema: USER_SCHEMA, schemaExtensions: [{ schema: EXT, required: false }] }],
    [coreUserSchema, { id: EXT, name: "Audit", description: "", attributes: [attribute("lastSignIn", "dateTime", "", { returned: "request" })] }],
  );
  const stored: StoredResource = {
    id: "u1",
    attributes: { userName: "u", [EXT]: { lastSignIn: "2024-01-01T00:00:00Z" } },
    meta: { created: new Date(0), lastModified: new Date(0), version: 'W/"1"', location: "l" },
  };

  it("is rendered only when named in attributes", () => {
    expect(renderResource("User", stored, undefined, { registry: auditRegistry })).not.toHaveProperty(EXT);
    expect(renderResource("User", stored, { excludedAttributes: ["userName"] }, { registry: auditRegistry })).not.toHaveProperty(EXT);
    expect(renderResource("User", stored, { attributes: [`${EXT}:lastSignIn`] }, { registry: auditRegistry })).toEqual({
      schemas: [USER_SCHEMA, EXT],
      id: "u1",
      [EXT]: { lastSignIn: "2024-01-01T00:00:00Z" },
    });
  });
});

describe("wantsAttribute", () => {
  it("tells whether members must be loaded", () => {
    expect(wantsAttribute("Group", undefined, "members")).toBe(true);
    expect(wantsAttribute("Group", { excludedAttributes: ["members"] }, "members")).toBe(false);
    expect(wantsAttribute("Group", { excludedAttributes: ["Members"] }, "members")).toBe(false);
    expect(wantsAttribute("Group", { attributes: ["displayName"] }, "members")).toBe(false);
    expect(wantsAttribute("Group", { attributes: ["members.value"] }, "members")).toBe(true);
    expect(wantsAttribute("Group", { excludedAttributes: ["members.display"] }, "members")).toBe(true);
  });

  it("answers for sub-attributes, extensions, never-returned and unknown attributes", () => {
    expect(wantsAttribute("User", { attributes: ["name.givenName"] }, "name.familyName")).toBe(false);
    expect(wantsAttribute("User", { attributes: ["name"] }, "name.familyName")).toBe(true);
    expect(wantsAttribute("User", { excludedAttributes: [ENTERPRISE_USER_SCHEMA] }, `${ENTERPRISE_USER_SCHEMA}:manager`)).toBe(false);
    expect(wantsAttribute("User", {}, "password")).toBe(false);
    expect(wantsAttribute("User", {}, "groups")).toBe(true);
    expect(wantsAttribute("User", { excludedAttributes: ["id"] }, "id")).toBe(true);
    expect(wantsAttribute("User", {}, "shoeSize")).toBe(false);
  });
});
