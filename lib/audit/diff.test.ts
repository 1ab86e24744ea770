import { describe, expect, it } from "vitest";
import { diffJson, formatDiffValue } from "./diff";

describe("diffJson", () => {
  it("lists changed, added and removed leaves by path", () => {
    expect(
      diffJson(
        { name: { givenName: "Pat", familyName: "Doe" }, active: true, emails: [{ value: "a@x.test", type: "work" }], title: "Engineer" },
        { name: { givenName: "Patricia", familyName: "Doe" }, active: false, emails: [{ value: "b@x.test", type: "work" }], department: "R&D" },
      ),
    ).toEqual([
      { path: "active", kind: "changed", before: true, after: false },
      { path: "department", kind: "added", after: "R&D" },
      { path: "emails[0].value", kind: "changed", before: "a@x.test", after: "b@x.test" },
      { path: "name.givenName", kind: "changed", before: "Pat", after: "Patricia" },
      { path: "title", kind: "removed", before: "Engineer" },
    ]);
  });

  it("keeps lists of plain values whole, and quotes keys that are not names", () => {
    expect(diffJson({ emailDomains: ["a.test", "b.test"] }, { emailDomains: ["a.test", "c.test"] })).toEqual([
      { path: "emailDomains", kind: "changed", before: ["a.test", "b.test"], after: ["a.test", "c.test"] },
    ]);
    expect(diffJson({}, { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Sales" } })).toEqual([
      { path: '["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].department', kind: "added", after: "Sales" },
    ]);
  });

  it("lists every leaf of a creation or a removal", () => {
    expect(diffJson(null, { scope: "GROUPS", groups: { count: 2 } })).toEqual([
      { path: "groups.count", kind: "added", after: 2 },
      { path: "scope", kind: "added", after: "GROUPS" },
    ]);
    expect(diffJson({ name: "Okta" }, undefined)).toEqual([{ path: "name", kind: "removed", before: "Okta" }]);
    expect(diffJson(null, null)).toEqual([]);
    expect(diffJson({ a: { b: 1 } }, { a: { b: 1 } })).toEqual([]);
  });

  it("compares values that are not objects as a whole", () => {
    expect(diffJson("on", "off")).toEqual([{ path: "", kind: "changed", before: "on", after: "off" }]);
    expect(formatDiffValue(undefined)).toBe("—");
    expect(formatDiffValue({ a: 1 })).toBe('{"a":1}');
    expect(formatDiffValue("text")).toBe("text");
  });
});
