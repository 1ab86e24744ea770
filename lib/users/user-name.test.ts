import { describe, expect, it } from "vitest";
import { emailDomain, userNameKey } from "./user-name";

describe("user names", () => {
  it("keys userNames case-insensitively, ignoring surrounding spaces", () => {
    expect(userNameKey("  Alice.Admin@ACME.test ")).toBe("alice.admin@acme.test");
  });
  it("extracts the email domain", () => {
    expect(emailDomain("a@B.Example.COM")).toBe("b.example.com");
    expect(emailDomain("a@b@c.com")).toBe("c.com");
    expect(emailDomain("no-at-sign")).toBeNull();
    expect(emailDomain("@example.com")).toBeNull();
    expect(emailDomain("user@")).toBeNull();
  });
});
