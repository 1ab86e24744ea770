import { describe, expect, it } from "vitest";
import { connectionInputSchema } from "./connection-input";

const parse = (input: Record<string, string>, opts = { allowInsecureIssuers: false, secretRequired: true }) =>
  connectionInputSchema(opts).safeParse({ issuer: "https://idp.example.com", clientId: "client", clientSecret: "s", emailDomains: "example.com", ...input });

const messages = (r: ReturnType<typeof parse>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));

describe("connection input", () => {
  it("accepts a complete https connection and normalises domains", () => {
    const r = parse({ emailDomains: " Example.com, @Sub.Example.org;example.com\nthird.test " });
    expect(r.success && r.data.emailDomains).toEqual(["example.com", "sub.example.org", "third.test"]);
  });

  it("explains a value that is not a URL without crashing", () => {
    expect(messages(parse({ issuer: "not a url" }))).toEqual(["issuer: The issuer must be a URL, such as https://login.example.com/tenant/v2.0."]);
  });

  it("accepts plain http only for localhost unless allowed", () => {
    expect(parse({ issuer: "http://localhost:3001" }).success).toBe(true);
    expect(messages(parse({ issuer: "http://idp.example.com" }))[0]).toMatch(/must use https/);
    expect(parse({ issuer: "http://idp.example.com" }, { allowInsecureIssuers: true, secretRequired: true }).success).toBe(true);
  });

  it("refuses queries and fragments in the issuer", () => {
    expect(messages(parse({ issuer: "https://idp.example.com/?tenant=1" }))[0]).toMatch(/query or a fragment/);
  });

  it("requires a secret only when creating", () => {
    expect(messages(parse({ clientSecret: "" }))).toEqual(["clientSecret: Enter the client secret."]);
    const edit = parse({ clientSecret: "" }, { allowInsecureIssuers: false, secretRequired: false });
    expect(edit.success && edit.data.clientSecret).toBeUndefined();
  });

  it("refuses malformed and missing domains", () => {
    expect(messages(parse({ emailDomains: "" }))[0]).toMatch(/at least one email domain/);
    expect(messages(parse({ emailDomains: "localhost" }))[0]).toMatch(/look like example.com/);
    expect(messages(parse({ emailDomains: "bad_domain.com" }))[0]).toMatch(/look like example.com/);
    expect(messages(parse({ emailDomains: "-bad.com" }))[0]).toMatch(/look like example.com/);
  });

  it("requires a client id", () => {
    expect(messages(parse({ clientId: "   " }))).toEqual(["clientId: Enter the client ID that your identity provider issued."]);
  });
});
