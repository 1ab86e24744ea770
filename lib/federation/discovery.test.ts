import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkIssuer } from "./discovery";

// A real HTTP server playing several broken and working issuers.
let base = "";
const server = http.createServer((req, res) => {
  const json = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
  const issuer = `${base}${req.url!.replace("/.well-known/openid-configuration", "")}`;
  const good = { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` };
  if (req.url!.startsWith("/good")) return json(200, good);
  if (req.url!.startsWith("/missing")) return json(404, { error: "not found" });
  if (req.url!.startsWith("/html")) return json(200, "<html>");
  if (req.url!.startsWith("/partial")) return json(200, { issuer });
  if (req.url!.startsWith("/other")) return json(200, { ...good, issuer: "https://elsewhere.example.com" });
  if (req.url!.startsWith("/slow")) return; // never answers
  json(500, {});
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("checkIssuer", () => {
  it("accepts an issuer whose discovery document names it", async () => {
    expect(await checkIssuer(`${base}/good`)).toEqual({ ok: true, issuer: `${base}/good` });
    expect((await checkIssuer(`${base}/good/`)).ok).toBe(true); // a trailing slash is the same issuer
  });

  it.each([
    ["/missing", /answered HTTP 404/],
    ["/html", /is not JSON/],
    ["/partial", /not an OpenID Connect configuration \(missing or invalid: authorization_endpoint, token_endpoint, jwks_uri\)/],
    ["/other", /names a different issuer \("https:\/\/elsewhere.example.com"\)/],
  ])("explains what is wrong with %s", async (path, message) => {
    const result = await checkIssuer(`${base}${path}`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it("reports an issuer that cannot be reached", async () => {
    const result = await checkIssuer("http://127.0.0.1:9/idp");
    expect(!result.ok && result.message).toMatch(/could not be reached/);
  });

  it("gives up on an issuer that does not answer", async () => {
    const started = Date.now();
    const result = await checkIssuer(`${base}/slow`);
    expect(!result.ok && result.message).toMatch(/did not answer within 5 seconds/);
    expect(Date.now() - started).toBeLessThan(8000);
  }, 10_000);
});
