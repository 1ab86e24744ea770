// The SCIM API over real HTTP for integration tests: a node:http server on 127.0.0.1 running the production
// server's SCIM adapter (lib/scim-endpoint/node-http.ts), plus a small client and an account-with-token builder.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { serveScimRequest } from "@/lib/scim-endpoint/node-http";
import { createScimToken } from "@/lib/tokens/create-token";
import { createAccount } from "./fixtures";

export const SCIM_JSON = "application/scim+json";

export interface ScimServer {
  /** e.g. http://127.0.0.1:40123/scim/v2 */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the SCIM API on 127.0.0.1 on a free port. */
export async function startScimServer(): Promise<ScimServer> {
  const server = http.createServer((req, res) => void serveScimRequest(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/scim/v2`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type JsonObject = Record<string, unknown>;

export interface ScimResult {
  status: number;
  headers: Headers;
  /** The parsed JSON body when it is an object; null when there is none (204, 304) or it is not JSON. */
  body: JsonObject | null;
  text: string;
}

export type RequestBody = unknown;

export interface ScimClient {
  /** `body` must be undefined: kept for the uniform (path, body?, headers?) signature. */
  get(path: string, body?: undefined, headers?: Record<string, string>): Promise<ScimResult>;
  post(path: string, body?: RequestBody, headers?: Record<string, string>): Promise<ScimResult>;
  put(path: string, body?: RequestBody, headers?: Record<string, string>): Promise<ScimResult>;
  patch(path: string, body?: RequestBody, headers?: Record<string, string>): Promise<ScimResult>;
  delete(path: string, body?: RequestBody, headers?: Record<string, string>): Promise<ScimResult>;
  /** Any method, with a raw string body (malformed JSON, oversized payloads). */
  send(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<ScimResult>;
}

/**
 * A SCIM client for `baseUrl` authenticating with `token` (null: no Authorization header). Bodies are sent as
 * JSON with Content-Type application/scim+json unless the headers say otherwise (Okta sends application/json).
 */
export function scimClient(baseUrl: string, token: string | null): ScimClient {
  const send = async (method: string, path: string, body: string | undefined, extra: Record<string, string> = {}): Promise<ScimResult> => {
    const headers: Record<string, string> = { Accept: SCIM_JSON };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers["Content-Type"] = SCIM_JSON;
    for (const [name, value] of Object.entries(extra)) {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      headers[name] = value;
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: JsonObject | null = null;
    if (text) {
      try {
        const value: unknown = JSON.parse(text);
        if (value !== null && typeof value === "object" && !Array.isArray(value)) parsed = value as JsonObject;
      } catch {
        parsed = null;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  const json = (body: RequestBody) => (body === undefined ? undefined : JSON.stringify(body));
  return {
    get: (path, _body, headers) => send("GET", path, undefined, headers),
    post: (path, body, headers) => send("POST", path, json(body), headers),
    put: (path, body, headers) => send("PUT", path, json(body), headers),
    patch: (path, body, headers) => send("PATCH", path, json(body), headers),
    delete: (path, body, headers) => send("DELETE", path, json(body), headers),
    send,
  };
}

/** A fresh account (provisioning ACTIVE unless told) and a live SCIM token for it. */
export async function createAccountWithToken(options: Parameters<typeof createAccount>[0] = {}) {
  // Provisioning active and not restricted: SCIM changes reach portal users at once.
  const account = await createAccount({ provisioningState: "ACTIVE", provisioningScope: "NOT_RESTRICTED", ...options });
  const { token, record } = await createScimToken(db, { accountId: account.id, name: "Test IdP", actor: { type: "USER", label: "test" } });
  return { account, token, tokenId: record.id };
}

// Accessors for assertions on parsed bodies (strictly typed, no `any`).

export function asObject(value: unknown): JsonObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`Expected a JSON object, got ${JSON.stringify(value)}`);
  return value as JsonObject;
}

export function asArray(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) throw new Error(`Expected a JSON array, got ${JSON.stringify(value)}`);
  return value.map(asObject);
}

/** The body of a response that must have one. */
export function bodyOf(result: ScimResult): JsonObject {
  if (!result.body) throw new Error(`Expected a JSON body, got status ${result.status}: ${result.text}`);
  return result.body;
}

/** The Resources of a ListResponse. */
export function resourcesOf(result: ScimResult): JsonObject[] {
  return asArray(bodyOf(result).Resources ?? []);
}

/** The id of a created or fetched resource. */
export function idOf(result: ScimResult): string {
  const id = bodyOf(result).id;
  if (typeof id !== "string") throw new Error(`Expected an id, got status ${result.status}: ${result.text}`);
  return id;
}

/** The member values of a rendered group. */
export function memberIdsOf(group: JsonObject): string[] {
  return group.members === undefined ? [] : asArray(group.members).map((m) => String(m.value)).sort();
}

/** A SCIM filter string literal (RFC 7644 §3.4.2.2: JSON string syntax). */
export function q(text: string): string {
  return JSON.stringify(text);
}

/** The query string of a filter. */
export function filterQuery(filter: string, extra = ""): string {
  return `?filter=${encodeURIComponent(filter)}${extra}`;
}
