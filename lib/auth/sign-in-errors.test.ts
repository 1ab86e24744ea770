import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "./sign-in-errors";

describe("signInErrorMessage", () => {
  it("says nothing without an error", () => {
    expect(signInErrorMessage(undefined)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
  });
  it("explains provisioning refusals", () => {
    expect(signInErrorMessage("not-provisioned")).toMatch(/has not given you access/);
    expect(signInErrorMessage("deactivated")).toMatch(/turned off/);
  });
  it("rounds the rate-limit wait up to whole minutes", () => {
    expect(signInErrorMessage("rate-limited:61")).toBe("Too many sign-in attempts. Try again in 2 minutes.");
    expect(signInErrorMessage("rate-limited:5")).toBe("Too many sign-in attempts. Try again in 1 minute.");
  });
  it("falls back to a generic message for unknown codes", () => {
    expect(signInErrorMessage("something-new")).toBe("Sign-in failed. Try again.");
  });
});
