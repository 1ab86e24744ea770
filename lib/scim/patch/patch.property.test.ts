import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "../errors";
import { ENTERPRISE_USER_SCHEMA } from "../schema/registry";
import { applyPatch } from "./engine";
import { bjensen, entraUser, group, PATCH_OP } from "./patch.fixtures";
import type { PatchResult, StoredResource } from "./types";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

const USER_PATHS = [
  "title", "userName", "active", "nickName", "name", "name.givenName", "NAME.familyName", "emails", "emails.value", 'emails[type eq "work"]',
  'emails[type eq "work"].value', 'emails[value co "example"].type', 'emails[type eq "home" and primary eq true].primary', "addresses",
  'addresses[type eq "home"].streetAddress', `${ENTERPRISE_USER_SCHEMA}:manager`, `${ENTERPRISE_USER_SCHEMA}:manager.value`,
  `${ENTERPRISE_USER_SCHEMA}:employeeNumber`, ENTERPRISE_USER_SCHEMA, "id", "meta", "meta.created", "groups", "nosuch", 'emails[type eq', "emails[]", "password",
  "x509Certificates", "roles", 'phoneNumbers[type eq "mobile"].value', "urn:ietf:params:scim:schemas:core:2.0:User:displayName",
];
const GROUP_PATHS = ["displayName", "members", 'members[value eq "a"]', 'members[value eq "a" or value eq "b"]', 'members[type eq "User"]', "members.value", 'members[value eq "a"].display', "externalId", "id"];

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("True", "False", "x@example.com", "work", "", null, true, false, 7),
  fc.constantFrom([{ value: "a" }], [{ value: "b", type: "User" }], { value: "c" }, [{ value: "d@example.com", type: "work", primary: true }], { givenName: "G" }, []),
);
const opName = fc.constantFrom("add", "replace", "remove", "Add", "Replace", "Remove", "REPLACE", "move", "");

function operation(paths: string[]) {
  return fc.record(
    { op: opName, path: fc.oneof(fc.constantFrom(...paths), fc.string({ maxLength: 12 })), value },
    { requiredKeys: ["op"] },
  );
}

const pathlessValue = fc.dictionary(fc.constantFrom("title", "active", "name.givenName", `${ENTERPRISE_USER_SCHEMA}:employeeNumber`, "emails", "id", "members", "nosuch", ENTERPRISE_USER_SCHEMA, 'emails[type eq "work"].value'), value, { maxKeys: 4 });

function expectOutcome(run: () => PatchResult): PatchResult | undefined {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    const status = (error as ScimError).status;
    expect(status >= 400 && status < 500).toBe(true);
    return undefined;
  }
}

describe("applyPatch properties", () => {
  it("returns a result or throws a 4xx ScimError for any body, and never mutates the input", () => {
    const body = fc.oneof(
      fc.record({ schemas: fc.constant([PATCH_OP]), Operations: fc.array(fc.oneof(operation(USER_PATHS), fc.record({ op: opName, value: pathlessValue })), { maxLength: 5 }) }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(body, fc.constantFrom(bjensen, entraUser), (request, make) => {
        const current = deepFreeze(make());
        const result = expectOutcome(() => applyPatch("User", current, request));
        expect(current).toEqual(make());
        if (result) expect(result.resource).not.toBe(current);
      }),
      { numRuns: 3000 },
    );
  });

  it("returns a result or a 4xx ScimError for group bodies", () => {
    const body = fc.record({ schemas: fc.constant([PATCH_OP]), Operations: fc.array(operation(GROUP_PATHS), { minLength: 1, maxLength: 5 }) });
    fc.assert(
      fc.property(body, (request) => {
        const current = deepFreeze({ ...group(), members: [{ value: "never read" }] });
        const result = expectOutcome(() => applyPatch("Group", current, request));
        if (result) expect(result.resource.members).toEqual([{ value: "never read" }]);
      }),
      { numRuns: 2000 },
    );
  });

  it("never turns a member removal that lists members into removeAll", () => {
    const listed = fc.oneof(
      fc.array(fc.record({ value: fc.string({ minLength: 1, maxLength: 8 }), $ref: fc.constant(null) }, { requiredKeys: ["value"] }), { maxLength: 5 }),
      fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 5 }),
      fc.record({ value: fc.string({ minLength: 1, maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(listed, fc.constantFrom("remove", "Remove", "REMOVE"), (members, op) => {
        const result = expectOutcome(() => applyPatch("Group", group(), { schemas: [PATCH_OP], Operations: [{ op, path: "members", value: members }] }));
        if (!result) return;
        expect(result.memberOps.every((m) => m.kind === "remove")).toBe(true);
        const ids = (Array.isArray(members) ? members : [members]).map((m) => (typeof m === "string" ? m : m.value));
        expect(result.memberOps.flatMap((m) => (m.kind === "remove" ? m.values : []))).toEqual([...new Set(ids)]);
      }),
      { numRuns: 1000 },
    );
  });

  it("changes nothing when a failing operation follows successful ones (all or nothing)", () => {
    const good = fc.constantFrom<unknown>(
      { op: "replace", path: "title", value: "Boss" },
      { op: "add", path: "emails", value: [{ value: "n@example.com", type: "other", primary: true }] },
      { op: "remove", path: "nickName" },
      { op: "Replace", path: "active", value: "False" },
      { op: "replace", value: { "name.givenName": "B" } },
    );
    const bad = fc.constantFrom<unknown>(
      { op: "remove", path: 'emails[type eq "nosuch"]' },
      { op: "remove", path: "userName" },
      { op: "replace", path: "id", value: "x" },
      { op: "add", path: "active", value: "maybe" },
      { op: "replace", path: "nosuch", value: 1 },
    );
    fc.assert(
      fc.property(fc.array(good, { maxLength: 4 }), bad, fc.array(good, { maxLength: 2 }), (before, failing, after) => {
        const current: StoredResource = bjensen();
        const snapshot = structuredClone(current);
        expect(() => applyPatch("User", current, { schemas: [PATCH_OP], Operations: [...before, failing, ...after] })).toThrow(ScimError);
        expect(current).toEqual(snapshot);
      }),
      { numRuns: 300 },
    );
  });

  it("is idempotent for replace: replaying a replace changes nothing", () => {
    const replace = fc.record({
      op: fc.constant("replace"),
      path: fc.constantFrom("title", "active", "name.givenName", 'emails[type eq "work"].value', "emails", `${ENTERPRISE_USER_SCHEMA}:manager`, 'addresses[type eq "work"].locality'),
      value: fc.constantFrom<unknown>("x", "False", true, "y@example.com", [{ value: "z@example.com" }], { value: "m" }),
    });
    fc.assert(
      fc.property(fc.array(replace, { minLength: 1, maxLength: 4 }), (operations) => {
        const request = { schemas: [PATCH_OP], Operations: operations };
        const first = expectOutcome(() => applyPatch("User", bjensen(), request));
        if (!first) return;
        const second = applyPatch("User", first.resource, request);
        expect(second.resource).toEqual(first.resource);
        expect(second.changed).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
