import { describe, expect, it } from "vitest";
import * as errors from "./errors";

describe("ScimError", () => {
  it("renders the RFC 7644 §3.12 body with the status as a string", () => {
    const error = new errors.ScimError(409, "userName is taken", "uniqueness");
    expect(error).toBeInstanceOf(Error);
    expect(error.toBody()).toEqual({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
      status: "409",
      scimType: "uniqueness",
      detail: "userName is taken",
    });
  });

  it("omits scimType when there is none", () => {
    expect(errors.notFound("no such user").toBody()).toEqual({ schemas: [errors.SCIM_ERROR_SCHEMA], status: "404", detail: "no such user" });
    expect(errors.notFound("x").toBody()).not.toHaveProperty("scimType");
  });

  it.each([
    [errors.invalidValue, 400, "invalidValue"],
    [errors.invalidSyntax, 400, "invalidSyntax"],
    [errors.invalidFilter, 400, "invalidFilter"],
    [errors.invalidPath, 400, "invalidPath"],
    [errors.noTarget, 400, "noTarget"],
    [errors.mutability, 400, "mutability"],
    [errors.tooMany, 400, "tooMany"],
    [errors.invalidVers, 400, "invalidVers"],
    [errors.sensitive, 403, "sensitive"],
    [errors.uniqueness, 409, "uniqueness"],
    [errors.notFound, 404, undefined],
    [errors.preconditionFailed, 412, undefined],
    [errors.payloadTooLarge, 413, undefined],
  ] as const)("%o gives %i %s", (factory, status, scimType) => {
    const error = factory("detail");
    expect([error.status, error.scimType, error.message]).toEqual([status, scimType, "detail"]);
  });

  it("exports the SCIM media type", () => {
    expect(errors.SCIM_CONTENT_TYPE).toBe("application/scim+json");
  });
});
