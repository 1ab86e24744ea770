import { describe, expect, it } from "vitest";
import { ScimError } from "./errors";
import { buildListResponse, LIST_RESPONSE_SCHEMA, parseListQuery, parseSearchRequest, SEARCH_REQUEST_SCHEMA } from "./list-query";
import { ENTERPRISE_USER_SCHEMA } from "./schema/registry";

const query = (search: string, opts?: { maxResults?: number }) => parseListQuery("User", new URLSearchParams(search), opts);

function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error("expected a ScimError");
}

describe("parseListQuery", () => {
  it("defaults: ascending, startIndex 1, a full page", () => {
    expect(query("")).toEqual({ sortOrder: "ascending", startIndex: 1, count: 1000 });
    expect(query("", { maxResults: 200 }).count).toBe(200);
  });

  it("Okta's lookup", () => {
    expect(query('filter=userName eq "a@b.c"&startIndex=1&count=100')).toEqual({
      filter: 'userName eq "a@b.c"',
      sortOrder: "ascending",
      startIndex: 1,
      count: 100,
    });
  });

  it("Entra's group lookup", () => {
    expect(parseListQuery("Group", new URLSearchParams('excludedAttributes=members&filter=displayName eq "G"'))).toMatchObject({
      filter: 'displayName eq "G"',
      excludedAttributes: ["members"],
    });
  });

  it("startIndex < 1 is 1, count < 0 is 0, count above maxResults is maxResults (RFC 7644 §3.4.2.4)", () => {
    expect(query("startIndex=0&count=-5")).toMatchObject({ startIndex: 1, count: 0 });
    expect(query("startIndex=-3").startIndex).toBe(1);
    expect(query("count=5000", { maxResults: 1000 }).count).toBe(1000);
    expect(query("count=0").count).toBe(0);
    expect(query("startIndex=101&count=100")).toMatchObject({ startIndex: 101, count: 100 });
  });

  it("an empty startIndex or count means absent", () => {
    expect(query("startIndex=&count=")).toMatchObject({ startIndex: 1, count: 1000 });
  });

  it.each(["count=ten", "count=1.5", "startIndex=1e3", "count=0x10"])("%s: non-integers are invalidValue", (search) => {
    const error = scimError(() => query(search));
    expect([error.status, error.scimType]).toEqual([400, "invalidValue"]);
  });

  it("sortOrder is case-insensitive; anything else is invalidValue", () => {
    expect(query("sortBy=userName&sortOrder=DESCENDING").sortOrder).toBe("descending");
    expect(query("sortBy=userName&sortOrder=Ascending").sortOrder).toBe("ascending");
    expect(scimError(() => query("sortOrder=down")).scimType).toBe("invalidValue");
  });

  it("sortBy is resolved to its canonical path", () => {
    expect(query("sortBy=NAME.familyname").sortBy).toBe("name.familyName");
    expect(query(`sortBy=${ENTERPRISE_USER_SCHEMA}:EmployeeNumber`).sortBy).toBe(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`);
    expect(query("sortBy=meta.lastModified").sortAttribute?.definition.type).toBe("dateTime");
    // A multi-valued attribute sorts by its (primary) value, §3.4.2.3.
    expect(query("sortBy=emails").sortBy).toBe("emails.value");
  });

  it.each(["shoeSize", "name", "password"])("sortBy=%s is invalidValue", (sortBy) => {
    const error = scimError(() => query(`sortBy=${sortBy}`));
    expect(error.scimType).toBe("invalidValue");
  });

  it("attributes and excludedAttributes are comma-separated lists; both may be given", () => {
    expect(query("attributes=userName, name.givenName,,emails&excludedAttributes=emails.type")).toMatchObject({
      attributes: ["userName", "name.givenName", "emails"],
      excludedAttributes: ["emails.type"],
    });
    expect(query("attributes=userName&attributes=displayName").attributes).toEqual(["userName", "displayName"]);
    expect(query("attributes=").attributes).toBeUndefined();
  });

  it("parameter names are case-insensitive; a conflicting repeat is refused", () => {
    expect(query("STARTINDEX=3&Count=7")).toMatchObject({ startIndex: 3, count: 7 });
    expect(scimError(() => query("count=1&count=2")).scimType).toBe("invalidValue");
  });

  it("an empty filter is no filter", () => {
    expect(query("filter=")).not.toHaveProperty("filter");
  });
});

describe("parseSearchRequest", () => {
  it("reads the §3.4.3 example body", () => {
    const body = {
      schemas: [SEARCH_REQUEST_SCHEMA],
      attributes: ["displayName", "userName"],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
    };
    expect(parseSearchRequest("User", body)).toEqual({
      filter: 'displayName sw "smith"',
      attributes: ["displayName", "userName"],
      sortOrder: "ascending",
      startIndex: 1,
      count: 10,
    });
  });

  it("requires the SearchRequest schema and well-typed members", () => {
    expect(scimError(() => parseSearchRequest("User", { filter: "x" })).scimType).toBe("invalidSyntax");
    expect(scimError(() => parseSearchRequest("User", [])).scimType).toBe("invalidSyntax");
    const base = { schemas: [SEARCH_REQUEST_SCHEMA] };
    expect(scimError(() => parseSearchRequest("User", { ...base, count: "many" })).scimType).toBe("invalidValue");
    expect(scimError(() => parseSearchRequest("User", { ...base, count: 2.5 })).scimType).toBe("invalidValue");
    expect(scimError(() => parseSearchRequest("User", { ...base, filter: 3 })).scimType).toBe("invalidValue");
    expect(scimError(() => parseSearchRequest("User", { ...base, attributes: [1] })).scimType).toBe("invalidValue");
    expect(parseSearchRequest("User", { ...base, count: -1, startIndex: 0, sortOrder: "Descending", sortBy: "userName" })).toMatchObject({
      count: 0,
      startIndex: 1,
      sortOrder: "descending",
      sortBy: "userName",
    });
  });
});

describe("buildListResponse", () => {
  it("builds the §3.4.2 ListResponse with integers", () => {
    expect(buildListResponse([{ id: "a" }], { totalResults: 5, startIndex: 3 })).toEqual({
      schemas: [LIST_RESPONSE_SCHEMA],
      totalResults: 5,
      startIndex: 3,
      itemsPerPage: 1,
      Resources: [{ id: "a" }],
    });
    expect(buildListResponse([], { totalResults: 0, startIndex: 1 })).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
  });

  it("refuses non-integer counts (a programming error)", () => {
    expect(() => buildListResponse([], { totalResults: 1.5, startIndex: 1 })).toThrow(/totalResults/);
  });
});
