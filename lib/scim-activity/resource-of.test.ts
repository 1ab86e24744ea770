import { describe, expect, it } from "vitest";
import { displayScimPath } from "./display-path";
import { resourceOfRequest } from "./resource-of";

describe("resourceOfRequest", () => {
  it("reads the type and id from the path, or the id of a creation from its Location", () => {
    expect(resourceOfRequest("/Users/abc?attributes=x", null)).toEqual({ type: "User", id: "abc" });
    expect(resourceOfRequest("/groups/g%201", null)).toEqual({ type: "Group", id: "g 1" });
    expect(resourceOfRequest("/Users", "https://p.example/scim/v2/Users/new-id")).toEqual({ type: "User", id: "new-id" });
    expect(resourceOfRequest("/Users?filter=x", null)).toEqual({ type: "User", id: null });
    expect(resourceOfRequest("/Users/.search", null)).toEqual({ type: "User", id: null });
    expect(resourceOfRequest("/Bulk", null)).toEqual({ type: null, id: null });
    expect(resourceOfRequest("/", null)).toEqual({ type: null, id: null });
  });
});

describe("displayScimPath", () => {
  it("decodes the path and query for reading", () => {
    expect(displayScimPath("/Users?filter=userName+eq+%22a%40b.test%22&count=1")).toBe('/Users?filter=userName eq "a@b.test"&count=1');
    expect(displayScimPath("/Users/a%20b")).toBe("/Users/a b");
    expect(displayScimPath("/Users?filter=%E0%A4%A")).toBe("/Users?filter=%E0%A4%A");
  });
});
