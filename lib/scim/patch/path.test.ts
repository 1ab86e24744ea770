import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { printFilter } from "../filter";
import { ENTERPRISE_USER_SCHEMA } from "../schema/registry";
import { MAX_PATH_LENGTH, parsePatchPath } from "./path";

function describePath(path: string, type: "User" | "Group" = "User"): string {
  const parsed = parsePatchPath(type, path);
  const filter = parsed.valueFilter ? `[${printFilter(parsed.valueFilter, 1)}]` : "";
  const sub = parsed.subAttribute ? ` .${parsed.subAttribute.names.join(".")}` : "";
  return `${parsed.attribute.extension ? "ext:" : ""}${parsed.attribute.names.join(".")}${filter}${sub}`;
}

function errorOf(path: string): ScimError {
  try {
    parsePatchPath("User", path);
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error(`expected ${path} to be rejected`);
}

describe("parsePatchPath (RFC 7644 §3.5.2, Figure 7)", () => {
  it.each([
    ["userName", "userName"],
    ["USERNAME", "userName"],
    ["name.familyName", "name .name.familyName"],
    ["name.FamilyName", "name .name.familyName"],
    ["urn:ietf:params:scim:schemas:core:2.0:User:name.givenName", "name .name.givenName"],
    [`${ENTERPRISE_USER_SCHEMA}:manager`, "ext:manager"],
    [`${ENTERPRISE_USER_SCHEMA}:manager.value`, "ext:manager .manager.value"],
    ['emails[type eq "work"]', 'emails[type eq "work"]'],
    ['emails[type eq "work"].value', 'emails[type eq "work"] .emails.value'],
    ['addresses[type eq "work"].streetAddress', 'addresses[type eq "work"] .addresses.streetAddress'],
    ['emails[type eq "work" and value ew "example.com"]', 'emails[type eq "work" and value ew "example.com"]'],
    ['  emails[value eq "a]b"].display  ', 'emails[value eq "a]b"] .emails.display'],
  ])("%s", (path, expected) => {
    expect(describePath(path)).toBe(expected);
  });

  it("parses member paths of groups", () => {
    expect(describePath('members[value eq "2819c223"]', "Group")).toBe('members[value eq "2819c223"]');
    expect(describePath("members", "Group")).toBe("members");
  });

  it.each([
    ["", "invalidPath", /empty/],
    ["nosuch", "invalidPath", /unknown attribute "nosuch"/],
    ["name.familyName.x", "invalidPath", /unknown attribute/],
    ["emails[", "invalidPath", /missing "\]"/],
    ['emails[type eq "work"]x', "invalidPath", /only ".subAttribute"/],
    ['emails[type eq "work"].value.x', "invalidPath", /only ".subAttribute"/],
    ['emails[type eq "work"].nosuch', "invalidPath", /no sub-attribute "nosuch"/],
    ['name[givenName eq "x"]', "invalidPath", /multi-valued complex/],
    ['emails.value[type eq "x"]', "invalidPath", /multi-valued complex/],
    ["emails[]", "invalidFilter", /empty/],
    ["emails[type eq]", "invalidFilter", /expected a comparison value/],
    ['emails[type eq "a" and]', "invalidFilter", /expected an attribute name/],
    ['emails[emails[type eq "a"]]', "invalidFilter", /./],
    ["user name", "invalidPath", /expected an attribute name/],
    ["(userName)", "invalidPath", /expected an attribute name/],
  ])("rejects %j with %s", (path, scimType, detail) => {
    const error = errorOf(path);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.message).toMatch(detail);
  });

  it("bounds the path length", () => {
    expect(errorOf(`emails[value eq "${"x".repeat(MAX_PATH_LENGTH)}"]`).message).toMatch(/longer than/);
  });
});
