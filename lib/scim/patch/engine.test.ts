import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { ENTERPRISE_USER_SCHEMA } from "../schema/registry";
import { TEST_EXTENSION, testRegistry } from "../filter/test-registry";
import { applyPatch } from "./engine";
import { bjensen, entraUser, group, PATCH_FIXTURES, PATCH_OP } from "./patch.fixtures";
import type { PatchResult, StoredResource } from "./types";

const body = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

function patch(current: StoredResource, ...operations: unknown[]): PatchResult {
  return applyPatch("User", deepFreeze(structuredClone(current)), body(...operations), { registry: testRegistry });
}

function patchGroup(...operations: unknown[]): PatchResult {
  return applyPatch("Group", deepFreeze(group()), body(...operations));
}

function failure(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    return error as ScimError;
  }
  throw new Error("expected a ScimError");
}

function expectFailure(run: () => unknown, status: number, scimType: string | undefined, detail?: RegExp): void {
  const error = failure(run);
  expect(error.status).toBe(status);
  expect(error.scimType).toBe(scimType);
  if (detail) expect(error.message).toMatch(detail);
}

describe("applyPatch: RFC 7644 and IdP requests", () => {
  it.each(PATCH_FIXTURES.map((f) => [`${f.source}: ${f.name}`, f] as const))("%s", (_name, fixture) => {
    const before = deepFreeze(structuredClone(fixture.before));
    const result = applyPatch(fixture.resourceType, before, fixture.body);
    expect(result.resource).toEqual(fixture.after);
    expect(result.memberOps).toEqual(fixture.memberOps);
    expect(before).toEqual(fixture.before);
  });
});

describe("applyPatch: the request envelope", () => {
  it.each([
    [null, /must be a JSON object/],
    [[], /must be a JSON object/],
    [{ Operations: [{ op: "add", path: "title", value: "x" }] }, /"schemas"/],
    [{ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], Operations: [{ op: "add", path: "title", value: "x" }] }, /"schemas"/],
    [{ schemas: [PATCH_OP] }, /"Operations", a non-empty array/],
    [{ schemas: [PATCH_OP], Operations: [] }, /"Operations", a non-empty array/],
    [{ schemas: [PATCH_OP], Operations: {} }, /"Operations", a non-empty array/],
    [{ schemas: [PATCH_OP], Operations: ["add"] }, /Operations\[0\] must be an object/],
    [{ schemas: [PATCH_OP], Operations: [{ path: "title", value: "x" }] }, /"op" must be "add", "replace" or "remove"/],
    [{ schemas: [PATCH_OP], Operations: [{ op: "move", path: "title", value: "x" }] }, /got "move"/],
    [{ schemas: [PATCH_OP], Operations: [{ op: "add", path: 3, value: "x" }] }, /"path" must be a string/],
  ])("rejects %j with 400 invalidSyntax", (request, detail) => {
    expectFailure(() => applyPatch("User", bjensen(), request), 400, "invalidSyntax", detail);
  });

  it("accepts op names and envelope member names in any case", () => {
    const result = applyPatch("User", bjensen(), { SCHEMAS: [PATCH_OP.toUpperCase()], operations: [{ OP: "REPLACE", Path: "title", Value: "Boss" }] });
    expect(result.resource.title).toBe("Boss");
  });

  it("requires a value for add and replace (400 invalidValue) and a path for remove (400 noTarget)", () => {
    expectFailure(() => patch(bjensen(), { op: "add", path: "title" }), 400, "invalidValue", /"add" needs a "value"/);
    expectFailure(() => patch(bjensen(), { op: "replace" }), 400, "invalidValue");
    expectFailure(() => patch(bjensen(), { op: "remove" }), 400, "noTarget", /"remove" needs a "path"/);
    expectFailure(() => patch(bjensen(), { op: "add", value: "x" }), 400, "invalidValue", /must be an object of attributes/);
  });

  it("names the failing operation in the detail", () => {
    expectFailure(() => patch(bjensen(), { op: "add", path: "title", value: "x" }, { op: "replace", path: "nosuch", value: 1 }), 400, "invalidPath", /^Operations\[1\] \(replace "nosuch"\): /);
  });
});

describe("applyPatch: all or nothing", () => {
  it("throws and leaves the input untouched when a later operation fails", () => {
    const current = bjensen();
    const snapshot = structuredClone(current);
    expectFailure(
      () =>
        applyPatch(
          "User",
          current,
          body(
            { op: "replace", path: "title", value: "Boss" },
            { op: "add", path: "emails", value: [{ value: "x@example.com", type: "other" }] },
            { op: "remove", path: 'emails[type eq "nosuch"]' },
          ),
        ),
      400,
      "noTarget",
    );
    expect(current).toEqual(snapshot);
  });

  it("never mutates the input, even on success", () => {
    const current = deepFreeze(bjensen());
    const result = applyPatch("User", current, body({ op: "replace", path: 'emails[type eq "work"].value', value: "new@example.com" }));
    expect(result.resource).not.toBe(current);
    expect((current.emails as { value: string }[])[0]?.value).toBe("bjensen@example.com");
  });

  it("applies operations in order, each seeing the previous ones", () => {
    const result = patch(bjensen(), { op: "remove", path: "emails" }, { op: "add", path: "emails", value: { value: "only@example.com" } }, { op: "replace", path: "emails.type", value: "work" });
    expect(result.resource.emails).toEqual([{ value: "only@example.com", type: "work" }]);
  });
});

describe("applyPatch: add", () => {
  it("sets a single-valued attribute, coercing Entra's string booleans", () => {
    expect(patch(bjensen(), { op: "add", path: "title", value: "Guide" }).resource.title).toBe("Guide");
    expect(patch(bjensen(), { op: "Add", path: "active", value: "false" }).resource.active).toBe(false);
  });

  it("merges the sub-attributes of a complex attribute (RFC 7644 §3.5.2.1)", () => {
    expect(patch(bjensen(), { op: "add", path: "name", value: { middleName: "Jane" } }).resource.name).toEqual({ familyName: "Jensen", givenName: "Barbara", middleName: "Jane" });
  });

  it("appends to a multi-valued attribute without duplicating an existing value", () => {
    const added = patch(bjensen(), { op: "add", path: "emails", value: [{ value: "new@example.com", type: "other" }] });
    expect(added.resource.emails).toHaveLength(3);
    const again = patch(bjensen(), { op: "add", path: "emails", value: [{ value: "BABS@jensen.org", type: "home" }] });
    expect(again.resource.emails).toEqual(bjensen().emails);
    expect(again.changed).toBe(false);
  });

  it("moves primary to the added value (RFC 7643 §2.4)", () => {
    const result = patch(bjensen(), { op: "add", path: "emails", value: [{ value: "new@example.com", type: "other", primary: true }] });
    expect(result.resource.emails).toEqual([
      { value: "bjensen@example.com", type: "work" },
      { value: "babs@jensen.org", type: "home" },
      { value: "new@example.com", type: "other", primary: true },
    ]);
  });

  it("merges an added value equal in value and type into the existing one", () => {
    const result = patch(bjensen(), { op: "add", path: "emails", value: [{ value: "babs@jensen.org", type: "home", primary: "True" }] });
    expect(result.resource.emails).toEqual([
      { value: "bjensen@example.com", type: "work" },
      { value: "babs@jensen.org", type: "home", primary: true },
    ]);
  });

  it("rejects two primary values at once", () => {
    expectFailure(
      () => patch(bjensen(), { op: "add", path: "emails", value: [{ value: "a@x.y", primary: true }, { value: "b@x.y", primary: true }] }),
      400,
      "invalidValue",
      /primary/,
    );
  });

  it("adds extension attributes under their URN", () => {
    const result = patch(bjensen(), { op: "add", path: `${ENTERPRISE_USER_SCHEMA}:costCenter`, value: "4130" });
    expect(result.resource[ENTERPRISE_USER_SCHEMA]).toEqual({ costCenter: "4130" });
  });

  it("adds a whole extension object given its URN as path or key", () => {
    expect(patch(bjensen(), { op: "add", path: ENTERPRISE_USER_SCHEMA, value: { employeeNumber: "7", manager: { value: "m" } } }).resource[ENTERPRISE_USER_SCHEMA]).toEqual({
      employeeNumber: "7",
      manager: { value: "m" },
    });
    expect(patch(bjensen(), { op: "add", value: { [ENTERPRISE_USER_SCHEMA]: { Division: "Parks" } } }).resource[ENTERPRISE_USER_SCHEMA]).toEqual({ division: "Parks" });
  });

  it("adds nothing for null", () => {
    const result = patch(bjensen(), { op: "add", path: "title", value: null });
    expect(result.changed).toBe(false);
  });

  it("rejects values of the wrong type with 400 invalidValue", () => {
    expectFailure(() => patch(bjensen(), { op: "add", path: "active", value: "yes" }), 400, "invalidValue", /active/);
    expectFailure(() => patch(bjensen(), { op: "add", path: "title", value: 3 }), 400, "invalidValue");
    expectFailure(() => patch(bjensen(), { op: "add", path: "emails", value: [{ value: "a", nosuch: 1 }] }), 400, "invalidValue", /nosuch/);
    expectFailure(() => patch(bjensen(), { op: "add", path: "name", value: "Barbara" }), 400, "invalidValue", /complex/);
    expectFailure(() => patch(bjensen(), { op: "add", value: { nosuch: 1 } }), 400, "invalidValue", /Unknown attribute "nosuch"/);
    expectFailure(() => patch(bjensen(), { op: "add", path: `${TEST_EXTENSION}:level`, value: "3" }), 400, "invalidValue");
  });
});

describe("applyPatch: replace", () => {
  it("replaces a whole multi-valued attribute without a filter (§3.5.2.3)", () => {
    const result = patch(bjensen(), { op: "replace", path: "emails", value: [{ value: "only@example.com" }] });
    expect(result.resource.emails).toEqual([{ value: "only@example.com" }]);
  });

  it("replaces the matching values with a filter, and sets a sub-attribute on every match", () => {
    const result = patch(bjensen(), { op: "replace", path: 'emails[value ew ".com" or value ew ".org"].type', value: "other" });
    expect((result.resource.emails as { type: string }[]).map((e) => e.type)).toEqual(["other", "other"]);
  });

  it("moves primary when a filter sets it", () => {
    const result = patch(bjensen(), { op: "replace", path: 'emails[type eq "home"].primary', value: true });
    expect(result.resource.emails).toEqual([
      { value: "bjensen@example.com", type: "work" },
      { value: "babs@jensen.org", type: "home", primary: true },
    ]);
  });

  it("fails with noTarget when the filter matches nothing and describes no single value", () => {
    expectFailure(() => patch(bjensen(), { op: "replace", path: 'emails[value co "nosuch"].type', value: "work" }), 400, "noTarget", /No value of "emails" matches \[value co "nosuch"\]/);
    expectFailure(() => patch(bjensen(), { op: "replace", path: 'emails[type eq "a" or type eq "b"].value', value: "x@y.z" }), 400, "noTarget");
  });

  it("creates the value an equality filter describes when nothing matches (Entra)", () => {
    const result = patch(bjensen(), { op: "replace", path: 'phoneNumbers[type eq "work" and primary eq true].value', value: "555-0100" });
    expect(result.resource.phoneNumbers).toEqual([{ type: "work", primary: true, value: "555-0100" }]);
  });

  it("leaves sub-attributes not given unchanged on a complex attribute (§3.5.2.3)", () => {
    expect(patch(bjensen(), { op: "replace", path: "name", value: { givenName: "Babs" } }).resource.name).toEqual({ familyName: "Jensen", givenName: "Babs" });
    expect(patch(bjensen(), { op: "replace", path: "name", value: { givenName: null } }).resource.name).toEqual({ familyName: "Jensen" });
  });

  it("unassigns with null or []", () => {
    expect(patch(bjensen(), { op: "replace", path: "nickName", value: null }).resource).not.toHaveProperty("nickName");
    expect(patch(bjensen(), { op: "replace", path: "emails", value: [] }).resource).not.toHaveProperty("emails");
    expect(patch(bjensen(), { op: "replace", value: { nickName: null } }).resource).not.toHaveProperty("nickName");
  });

  it("reports changed: false when nothing changes (idempotent replace)", () => {
    expect(patch(bjensen(), { op: "replace", path: "userName", value: "bjensen@example.com" }).changed).toBe(false);
    expect(patch(bjensen(), { op: "Replace", path: "active", value: "True" }).changed).toBe(false);
    expect(patch(bjensen(), { op: "replace", path: "name.givenName", value: "Barbara" }).changed).toBe(false);
    expect(patch(bjensen(), { op: "replace", path: "name.givenName", value: "Babs" }).changed).toBe(true);
  });

  it("ignores readOnly attributes in a path-less value (as in PUT) but refuses them as a path", () => {
    const result = patch(bjensen(), { op: "replace", value: { id: "other", meta: { resourceType: "User" }, groups: [{ value: "g" }], schemas: ["x"], title: "T" } });
    expect(result.resource).toEqual({ ...bjensen(), title: "T" });
    expectFailure(() => patch(bjensen(), { op: "replace", path: "id", value: "x" }), 400, "mutability", /"id" is readOnly/);
    expectFailure(() => patch(bjensen(), { op: "replace", path: "meta.lastModified", value: "2020-01-01T00:00:00Z" }), 400, "mutability");
    expectFailure(() => patch(bjensen(), { op: "add", path: "groups", value: [{ value: "g" }] }), 400, "mutability");
    expectFailure(() => patch(bjensen(), { op: "remove", path: "groups" }), 400, "mutability");
  });

  it("sets an immutable attribute only while unassigned", () => {
    const serial = `${TEST_EXTENSION}:serial`;
    const set = patch(bjensen(), { op: "add", path: serial, value: "S1" });
    expect(set.resource[TEST_EXTENSION]).toEqual({ serial: "S1" });
    expect(patch(set.resource, { op: "replace", path: serial, value: "S1" }).changed).toBe(false);
    expectFailure(() => patch(set.resource, { op: "replace", path: serial, value: "S2" }), 400, "mutability", /immutable/);
    expectFailure(() => patch(set.resource, { op: "remove", path: serial }), 400, "mutability", /immutable/);
  });

  it("takes the writeOnly password out of the resource", () => {
    const result = patch(bjensen(), { op: "replace", path: "password", value: "t1meMa$heen" });
    expect(result.password).toBe("t1meMa$heen");
    expect(result.resource).not.toHaveProperty("password");
    expect(result.changed).toBe(true);
    expect(patch(bjensen(), { op: "replace", value: { password: "p" } }).password).toBe("p");
  });
});

describe("applyPatch: remove", () => {
  it("removes a single-valued attribute, a sub-attribute, a whole multi-valued attribute", () => {
    expect(patch(bjensen(), { op: "remove", path: "nickName" }).resource).not.toHaveProperty("nickName");
    expect(patch(bjensen(), { op: "remove", path: "name.givenName" }).resource.name).toEqual({ familyName: "Jensen" });
    expect(patch(bjensen(), { op: "remove", path: "addresses" }).resource).not.toHaveProperty("addresses");
  });

  it("drops a complex attribute or extension left empty", () => {
    const withExt = { ...bjensen(), name: { givenName: "B" }, [ENTERPRISE_USER_SCHEMA]: { employeeNumber: "1" } };
    const result = patch(withExt, { op: "remove", path: "name.givenName" }, { op: "remove", path: `${ENTERPRISE_USER_SCHEMA}:employeeNumber` });
    expect(result.resource).not.toHaveProperty("name");
    expect(result.resource).not.toHaveProperty(ENTERPRISE_USER_SCHEMA);
  });

  it("removes the values a filter matches, and unassigns the attribute when none remain", () => {
    expect(patch(bjensen(), { op: "remove", path: 'emails[type eq "home"]' }).resource.emails).toEqual([{ value: "bjensen@example.com", type: "work", primary: true }]);
    expect(patch(bjensen(), { op: "remove", path: "emails[value pr]" }).resource).not.toHaveProperty("emails");
    expect(patch(bjensen(), { op: "remove", path: 'emails[type eq "work"].primary' }).resource.emails).toEqual([
      { value: "bjensen@example.com", type: "work" },
      { value: "babs@jensen.org", type: "home" },
    ]);
  });

  it("fails with noTarget when the filter matches nothing (§3.12)", () => {
    expectFailure(() => patch(bjensen(), { op: "remove", path: 'emails[type eq "other"]' }), 400, "noTarget");
    expectFailure(() => patch({ userName: "x" }, { op: "remove", path: 'emails[type eq "work"].value' }), 400, "noTarget");
  });

  it("succeeds without change when the attribute is already absent", () => {
    const result = patch(bjensen(), { op: "remove", path: "title" });
    expect(result.changed).toBe(false);
    expect(result.resource).toEqual(bjensen());
  });

  it("refuses to unassign a required attribute: 400 mutability (RFC 7644 §3.5.2.2)", () => {
    expectFailure(() => patch(bjensen(), { op: "remove", path: "userName" }), 400, "mutability", /"userName" is required/);
    expectFailure(() => patch(bjensen(), { op: "replace", path: "userName", value: null }), 400, "mutability");
    expectFailure(() => patch(bjensen(), { op: "replace", value: { userName: null } }), 400, "mutability");
    expectFailure(() => patch(bjensen(), { op: "replace", path: "userName", value: "  " }), 400, "invalidValue");
    expectFailure(() => applyPatch("Group", group(), body({ op: "remove", path: "displayName" })), 400, "mutability");
  });

  it("removes only the listed values when remove carries a value", () => {
    expect(patch(bjensen(), { op: "remove", path: "emails", value: [{ value: "BABS@jensen.org", type: "home" }] }).resource.emails).toEqual([
      { value: "bjensen@example.com", type: "work", primary: true },
    ]);
    expect(patch(bjensen(), { op: "remove", path: "emails", value: [] }).changed).toBe(false);
  });
});

describe("applyPatch: paths", () => {
  it("resolves names case-insensitively and URN-qualified core names", () => {
    expect(patch(bjensen(), { op: "replace", path: "NAME.FAMILYNAME", value: "J" }).resource.name).toEqual({ familyName: "J", givenName: "Barbara" });
    expect(patch(bjensen(), { op: "replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:nickName", value: "N" }).resource.nickName).toBe("N");
    expect(patch(bjensen(), { op: "replace", path: 'EMAILS[TYPE eq "WORK"].VALUE', value: "w@example.com" }).resource.emails).toEqual([
      { value: "w@example.com", type: "work", primary: true },
      { value: "babs@jensen.org", type: "home" },
    ]);
  });

  it("rejects bad paths with 400 invalidPath, bad filters with 400 invalidFilter", () => {
    expectFailure(() => patch(bjensen(), { op: "replace", path: "nosuch", value: "x" }), 400, "invalidPath", /unknown attribute "nosuch"/);
    expectFailure(() => patch(bjensen(), { op: "replace", path: "name.nosuch", value: "x" }), 400, "invalidPath");
    expectFailure(() => patch(bjensen(), { op: "replace", path: 'emails[type eq "work"', value: "x" }), 400, "invalidPath", /missing "\]"/);
    expectFailure(() => patch(bjensen(), { op: "replace", path: 'emails[type eq "work"].nosuch', value: "x" }), 400, "invalidPath");
    expectFailure(() => patch(bjensen(), { op: "replace", path: 'emails[type eq "work"]value', value: "x" }), 400, "invalidPath");
    expectFailure(() => patch(bjensen(), { op: "replace", path: 'title[value eq "x"]', value: "x" }), 400, "invalidPath");
    expectFailure(() => patch(bjensen(), { op: "replace", path: "emails[type eq]", value: "x" }), 400, "invalidFilter");
    expectFailure(() => patch(bjensen(), { op: "replace", path: "emails[nosuch eq 1]", value: "x" }), 400, "invalidFilter");
    expectFailure(() => patch(bjensen(), { op: "replace", path: "a b", value: "x" }), 400, "invalidPath");
  });
});

describe("applyPatch: group members stay out of memory", () => {
  it("does not touch members in the resource", () => {
    const withMembers = { ...group(), members: [{ value: "kept" }] };
    const result = applyPatch("Group", withMembers, body({ op: "remove", path: "members" }, { op: "add", path: "members", value: [{ value: "x" }] }));
    expect(result.resource.members).toEqual([{ value: "kept" }]);
    expect(result.memberOps).toEqual([{ kind: "removeAll" }, { kind: "add", members: [{ value: "x" }] }]);
  });

  it("never turns the removal of listed members into removeAll", () => {
    expect(patchGroup({ op: "Remove", path: "members", value: [{ value: "a" }, { value: "b" }] }).memberOps).toEqual([{ kind: "remove", values: ["a", "b"] }]);
    expect(patchGroup({ op: "remove", path: "members", value: [] }).memberOps).toEqual([]);
    expect(patchGroup({ op: "remove", path: "members", value: { value: "a" } }).memberOps).toEqual([{ kind: "remove", values: ["a"] }]);
    expect(patchGroup({ op: "remove", path: "members", value: ["a"] }).memberOps).toEqual([{ kind: "remove", values: ["a"] }]);
    expectFailure(() => patchGroup({ op: "remove", path: "members", value: [{ display: "no id" }] }), 400, "invalidValue", /value/);
  });

  it("recognises value lists in filters, and passes other filters on", () => {
    expect(patchGroup({ op: "remove", path: 'members[value eq "a" or VALUE eq "b" or value eq "a"]' }).memberOps).toEqual([{ kind: "remove", values: ["a", "b"] }]);
    const other = patchGroup({ op: "remove", path: 'members[type eq "Group"]' }).memberOps;
    expect(other).toHaveLength(1);
    expect(other[0]?.kind).toBe("removeMatching");
    expect(patchGroup({ op: "remove", path: 'members[value eq "a" and type eq "User"]' }).memberOps[0]?.kind).toBe("removeMatching");
  });

  it("maps add, replace and path-less forms", () => {
    expect(patchGroup({ op: "add", path: "members", value: [{ value: "a", type: "user" }, { value: "a" }] }).memberOps).toEqual([{ kind: "add", members: [{ value: "a", type: "User" }] }]);
    expect(patchGroup({ op: "replace", path: "members", value: [] }).memberOps).toEqual([{ kind: "removeAll" }]);
    expect(patchGroup({ op: "add", value: { members: [{ value: "a" }] } }).memberOps).toEqual([{ kind: "add", members: [{ value: "a" }] }]);
    expect(patchGroup({ op: "replace", value: { members: [{ value: "b" }], displayName: "X" } })).toMatchObject({
      memberOps: [{ kind: "replace", members: [{ value: "b" }] }],
      resource: { displayName: "X" },
      changed: true,
    });
    expect(patchGroup({ op: "add", path: "members", value: [] }).memberOps).toEqual([]);
  });

  it("rejects edits of member sub-attributes and unknown member types", () => {
    expectFailure(() => patchGroup({ op: "replace", path: 'members[value eq "a"].display', value: "x" }), 400, "mutability");
    expectFailure(() => patchGroup({ op: "add", path: 'members[value eq "a"]', value: { value: "b" } }), 400, "invalidPath");
    expectFailure(() => patchGroup({ op: "add", path: "members", value: [{ value: "a", type: "Robot" }] }), 400, "invalidValue", /Robot/);
    expectFailure(() => patchGroup({ op: "add", path: "members" }), 400, "invalidValue");
  });

  it("reports changed when only members change", () => {
    expect(patchGroup({ op: "add", path: "members", value: [{ value: "a" }] }).changed).toBe(true);
    expect(patchGroup({ op: "replace", path: "displayName", value: "Tour Guides" }).changed).toBe(false);
  });

  it("treats members as an ordinary attribute nowhere else", () => {
    expect(() => applyPatch("User", entraUser(), body({ op: "add", path: "members", value: [{ value: "a" }] }))).toThrow(/unknown attribute "members"/);
  });
});
