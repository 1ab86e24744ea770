import { describe, expect, it } from "vitest";
import { MAX_STORED_BODY, REDACTED, redactScimJson, redactScimPath, storedScimBody, storedScimBodyText } from "./redact";

const TOKEN = `fpscim_${"A1b2C3d4".repeat(6)}x`;

describe("redactScimJson", () => {
  it("removes password attributes at any depth and in any letter case", () => {
    expect(
      redactScimJson({
        userName: "a@b.test",
        password: "p1",
        PassWord: "p2",
        "urn:ietf:params:scim:schemas:core:2.0:User:password": "p3",
        ext: { nested: [{ oldPassword: "p4" }] },
      }),
    ).toEqual({
      userName: "a@b.test",
      password: REDACTED,
      PassWord: REDACTED,
      "urn:ietf:params:scim:schemas:core:2.0:User:password": REDACTED,
      ext: { nested: [{ oldPassword: REDACTED }] },
    });
  });

  it("removes PATCH values whose path is the password, and path-less ones holding it", () => {
    const body = {
      Operations: [
        { op: "replace", path: "password", value: "p1" },
        { op: "Replace", path: "urn:ietf:params:scim:schemas:core:2.0:User:PASSWORD", value: { any: "p2" } },
        { op: "replace", value: { password: "p3", displayName: "Kept" } },
        { op: "replace", path: "displayName", value: "Kept too" },
      ],
    };
    expect(JSON.stringify(redactScimJson(body))).not.toMatch(/p1|p2|p3/);
    expect(redactScimJson(body)).toMatchObject({ Operations: [{ value: REDACTED }, { value: REDACTED }, { value: { password: REDACTED, displayName: "Kept" } }, { value: "Kept too" }] });
  });

  it("removes tokens and bearer credentials from any text, and filters on the password", () => {
    expect(redactScimJson({ note: `use ${TOKEN} or Bearer abc.def-ghi` })).toEqual({ note: `use fpscim_${REDACTED} or Bearer ${REDACTED}` });
    expect(redactScimJson({ filter: 'password eq "x"' })).toEqual({ filter: REDACTED });
  });
});

describe("redactScimPath", () => {
  it("blanks query parameters that mention the password or hold a token", () => {
    expect(redactScimPath("/Users?filter=userName%20eq%20%22a%22")).toBe("/Users?filter=userName%20eq%20%22a%22");
    expect(redactScimPath(`/Users?filter=${encodeURIComponent('password eq "x"')}`)).toBe(`/Users?filter=${encodeURIComponent(REDACTED)}`);
    expect(redactScimPath(`/Users?filter=${encodeURIComponent(`userName eq "${TOKEN}"`)}`)).not.toContain(TOKEN);
  });
});

describe("storedScimBody", () => {
  it("keeps JSON (redacted), nothing for no body, a marker for large or unparsable bodies", () => {
    expect(storedScimBody(undefined)).toBeUndefined();
    expect(storedScimBody("")).toBeUndefined();
    expect(storedScimBody('{"password":"x","a":1}')).toEqual({ password: REDACTED, a: 1 });
    const big = storedScimBody(JSON.stringify({ value: "x".repeat(MAX_STORED_BODY), password: "secret-value" }));
    expect(big).toMatchObject({ $truncated: true });
    expect(JSON.stringify(big)).not.toContain("secret-value");
    expect(storedScimBody('{"a": ')).toEqual({ $unparsed: true, length: 6, text: '{"a": ' });
    expect(JSON.stringify(storedScimBody('{"password": "hunter2'))).not.toContain("hunter2");
  });
});

describe("storedScimBodyText", () => {
  it("passes text with nothing secret-like through as it is, and redacts the rest", () => {
    const plain = '{"userName":"a@b.test","active":true}';
    expect(storedScimBodyText(plain, true)).toBe(plain);
    expect(storedScimBodyText("", true)).toBeNull();
    expect(JSON.parse(storedScimBodyText('{"password":"x1"}', true)!)).toEqual({ password: REDACTED });
    // A \u escape can spell "password" without the word appearing in the text.
    const escaped = String.raw`{"p\u0061ssword":"hidden-secret"}`;
    expect(JSON.parse(escaped)).toEqual({ password: "hidden-secret" });
    expect(storedScimBodyText(escaped, true)).not.toContain("hidden-secret");
    expect(JSON.parse(storedScimBodyText('{"a": ', false)!)).toEqual({ $unparsed: true, length: 6, text: '{"a": ' });
  });
});
