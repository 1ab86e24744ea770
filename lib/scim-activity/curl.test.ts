import { describe, expect, it } from "vitest";
import { curlCommand, shellQuote } from "./curl";

describe("curlCommand", () => {
  it("repeats the request with the token as a shell variable and the body single-quoted", () => {
    const command = curlCommand({
      method: "patch",
      baseUrl: "https://portal.example.com/scim/v2/",
      path: "/Users/42?attributes=userName",
      body: { Operations: [{ op: "replace", path: "displayName", value: "O'Brien" }] },
    });
    expect(command).toBe(
      [
        "curl -X PATCH 'https://portal.example.com/scim/v2/Users/42?attributes=userName'",
        '  -H "Authorization: Bearer $SCIM_TOKEN"',
        "  -H 'Accept: application/scim+json'",
        "  -H 'Content-Type: application/scim+json'",
        `  --data '{\n  "Operations": [\n    {\n      "op": "replace",\n      "path": "displayName",\n      "value": "O'\\''Brien"\n    }\n  ]\n}'`,
      ].join(" \\\n"),
    );
  });

  it("sends no body for a GET, and quotes what the shell would expand", () => {
    expect(curlCommand({ method: "GET", baseUrl: "http://x/scim/v2", path: "/Users?filter=userName eq \"$HOME\"", body: null })).toBe(
      `curl -X GET 'http://x/scim/v2/Users?filter=userName eq "$HOME"' \\\n  -H "Authorization: Bearer $SCIM_TOKEN" \\\n  -H 'Accept: application/scim+json'`,
    );
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
