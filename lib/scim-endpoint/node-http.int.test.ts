// The production server's SCIM adapter over real HTTP (the other SCIM tests run through it too; these pin what is
// its own): compression, the security headers, Content-Length, and a hostile Host header.
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushScimTokenUseWrites } from "@/lib/tokens/authenticate";
import { createAccountWithToken, scimClient, startScimServer, type ScimServer } from "@/lib/testing/scim-http-server";
import { CORE_USER } from "./idp-replay.fixtures";
import { acceptsGzip, isScimPath } from "./node-http";

let server: ScimServer;
let token: string;

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with exactly these headers (fetch would add Accept-Encoding and decompress on its own). */
function rawGet(path: string, headers: Record<string, string>): Promise<RawReply> {
  return rawRequest("GET", path, headers);
}

/** `path` is sent as written, after the base path (no URL normalisation on the way). */
function rawRequest(method: string, path: string, headers: Record<string, string>): Promise<RawReply> {
  const base = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: base.hostname, port: base.port, path: base.pathname + path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

beforeAll(async () => {
  server = await startScimServer();
  ({ token } = await createAccountWithToken());
  const client = scimClient(server.baseUrl, token);
  for (let i = 0; i < 12; i++) {
    const created = await client.post("/Users", { schemas: [CORE_USER], userName: `gzip-${i}@example.com`, displayName: `Compressed User ${i}` });
    expect(created.status).toBe(201);
  }
});

afterAll(async () => {
  await flushScimTokenUseWrites();
  await server.close();
});

describe("the SCIM adapter of the production server", () => {
  it("compresses a large response for a client that accepts gzip, with the right length, and not for one that does not", async () => {
    const auth = { authorization: `Bearer ${token}`, accept: "application/scim+json" };
    const plain = await rawGet("/Users?count=12", auth);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(plain.body.byteLength);
    expect(plain.body.byteLength).toBeGreaterThan(1024);

    const zipped = await rawGet("/Users?count=12", { ...auth, "accept-encoding": "br;q=1, gzip;q=0.8" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.byteLength);
    expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength);
    const unzipped = JSON.parse(zlib.gunzipSync(zipped.body).toString("utf8")) as { totalResults: number; Resources: unknown[] };
    expect(unzipped.totalResults).toBe(12);
    expect(unzipped.Resources).toHaveLength(12);

    const refused = await rawGet("/Users?count=12", { ...auth, "accept-encoding": "gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("sends small responses as they are, with the portal's security headers and the SCIM content type", async () => {
    const reply = await rawGet("/Users?count=0", { authorization: `Bearer ${token}`, "accept-encoding": "gzip" });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.headers["content-type"]).toMatch(/^application\/scim\+json/);
    expect(reply.headers["x-content-type-options"]).toBe("nosniff");
    expect(reply.headers["x-frame-options"]).toBe("DENY");
    expect(reply.headers["referrer-policy"]).toBe("same-origin");
    expect(reply.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers HEAD like GET, without a body (as Next.js does for a route with GET only)", async () => {
    const auth = { authorization: `Bearer ${token}` };
    const get = await rawGet("/Users?count=1", auth);
    const head = await rawRequest("HEAD", "/Users?count=1", auth);
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
    expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
  });

  it("answers odd paths with a SCIM 4xx, never a 5xx", async () => {
    const auth = { authorization: `Bearer ${token}` };
    for (const path of ["/../../etc/passwd", "/Users/%E0%A4%A", "/Users/%00", "/Users/a/b/c", "/%2e%2e/Users"]) {
      const reply = await rawGet(path, auth);
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.status, path).toBeLessThan(500);
      expect(reply.headers["content-type"], path).toMatch(/^application\/scim\+json/);
    }
  });

  it("does not let the Host header reach the links it writes", async () => {
    const reply = await rawGet("/Users?filter=userName%20eq%20%22gzip-0%40example.com%22", { authorization: `Bearer ${token}`, host: "evil.example:1/%%" });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body.toString("utf8")) as { Resources: { meta: { location: string } }[] };
    expect(body.Resources).toHaveLength(1);
    expect(body.Resources[0]!.meta.location).not.toContain("evil.example");
  });
});

describe("request routing and content negotiation helpers", () => {
  it("recognises the SCIM base path and nothing that merely starts like it", () => {
    expect(isScimPath("/scim/v2")).toBe(true);
    expect(isScimPath("/scim/v2/Users?filter=x")).toBe(true);
    expect(isScimPath("/scim/v2?x=1")).toBe(true);
    expect(isScimPath("/scim/v2x/Users")).toBe(false);
    expect(isScimPath("/scim/v1/Users")).toBe(false);
    expect(isScimPath("/admin")).toBe(false);
    expect(isScimPath(undefined)).toBe(false);
  });

  it("reads Accept-Encoding with its qualities", () => {
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("deflate, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("gzip;q=0.000, br")).toBe(false);
    expect(acceptsGzip("br, deflate")).toBe(false);
    expect(acceptsGzip("x-gzip2")).toBe(false);
    expect(acceptsGzip("gzip;q=0, *")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
