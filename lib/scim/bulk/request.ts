// Bulk request validation, RFC 7644 §3.7 and §3.7.4.
//
// Decisions:
// - Limits first (§3.7.4): a body larger than maxPayloadSize or with more than maxOperations operations is
//   413 Payload Too Large, with a detail naming the limit exceeded (as in the RFC's example: no scimType).
// - A malformed operation (unknown method, bad path, POST without bulkId or data, duplicate bulkId) fails the
//   whole request with 400 invalidSyntax naming the operation, before anything runs: references between
//   operations make a partly understood request unsafe to run.
// - Methods and "Operations"/"failOnErrors" member names are case-insensitive; the resource endpoint in a path
//   too ("/users" is "/Users").

import { invalidSyntax, payloadTooLarge } from "../errors";
import { excerpt, isJsonObject } from "../json";
import { registry as defaultRegistry, type ResourceTypeName, type ScimRegistry } from "../schema/registry";
import { collectReferences } from "./references";
import { BULK_REQUEST_SCHEMA, type BulkLimits, type BulkMethod, type BulkOperation, type BulkRequest } from "./types";

const METHODS: ReadonlySet<string> = new Set<BulkMethod>(["POST", "PUT", "PATCH", "DELETE"]);

function member(obj: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(obj, name)) return obj[name];
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function decodeSegment(segment: string, where: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidSyntax(`${where}: the id in "path" is not valid percent-encoding`);
  }
}

export interface ParseBulkOptions {
  registry?: ScimRegistry;
}

/** Validates a bulk request. `payloadBytes` is the size of the request body as received. */
export function parseBulkRequest(body: unknown, limits: BulkLimits, payloadBytes: number, opts: ParseBulkOptions = {}): BulkRequest {
  const registry = opts.registry ?? defaultRegistry;
  if (payloadBytes > limits.maxPayloadSize) {
    throw payloadTooLarge(`The size of the bulk request (${payloadBytes} bytes) exceeds the maxPayloadSize (${limits.maxPayloadSize}).`);
  }
  if (!isJsonObject(body)) throw invalidSyntax("The bulk request body must be a JSON object");
  const schemas = member(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === BULK_REQUEST_SCHEMA.toLowerCase())) {
    throw invalidSyntax(`The bulk request must have "schemas": ["${BULK_REQUEST_SCHEMA}"]`);
  }
  const operations = member(body, "Operations");
  if (!Array.isArray(operations)) throw invalidSyntax(`The bulk request must have "Operations", an array`);
  if (operations.length > limits.maxOperations) {
    throw payloadTooLarge(`The number of operations (${operations.length}) exceeds the maxOperations (${limits.maxOperations}).`);
  }
  const request: BulkRequest = { operations: [] };
  const failOnErrors = member(body, "failOnErrors");
  if (failOnErrors !== undefined && failOnErrors !== null) {
    if (typeof failOnErrors !== "number" || !Number.isSafeInteger(failOnErrors) || failOnErrors < 1) {
      throw invalidSyntax(`"failOnErrors" must be an integer of at least 1, got ${excerpt(failOnErrors)}`);
    }
    request.failOnErrors = failOnErrors;
  }
  const endpoints = registry.resourceTypes().map((t) => ({ name: t.name as ResourceTypeName, endpoint: t.endpoint.toLowerCase() }));
  const bulkIds = new Set<string>();
  operations.forEach((raw, index) => {
    const where = `Operations[${index}]`;
    if (!isJsonObject(raw)) throw invalidSyntax(`${where} must be an object`);
    const method = member(raw, "method");
    if (typeof method !== "string" || !METHODS.has(method.toUpperCase())) {
      throw invalidSyntax(`${where}: "method" must be POST, PUT, PATCH or DELETE, got ${excerpt(method)}`);
    }
    const op: BulkOperation = { index, method: method.toUpperCase() as BulkMethod, path: "", resourceType: "User" };

    const path = member(raw, "path");
    if (typeof path !== "string") throw invalidSyntax(`${where}: "path" must be a string such as "/Users" or "/Groups/{id}"`);
    const match = /^(\/[^/?#]+)(?:\/([^/?#]+))?\/?$/.exec(path.trim());
    const endpoint = match?.[1] ? endpoints.find((e) => e.endpoint === match[1]?.toLowerCase()) : undefined;
    if (!match || !endpoint) throw invalidSyntax(`${where}: unknown path ${excerpt(path)}; expected ${endpoints.map((e) => e.endpoint).join(" or ")}, optionally followed by "/{id}"`);
    op.path = path.trim();
    op.resourceType = endpoint.name;
    const id = match[2] === undefined ? undefined : decodeSegment(match[2], where);
    if (op.method === "POST" && id !== undefined) throw invalidSyntax(`${where}: POST goes to the resource endpoint, without an id`);
    if (op.method !== "POST" && id === undefined) throw invalidSyntax(`${where}: ${op.method} needs a path with the resource id, e.g. "/Users/{id}"`);
    if (id !== undefined) op.id = id;

    const bulkId = member(raw, "bulkId");
    if (bulkId !== undefined && bulkId !== null) {
      if (typeof bulkId !== "string" || bulkId === "") throw invalidSyntax(`${where}: "bulkId" must be a non-empty string`);
      op.bulkId = bulkId;
    }
    // §3.7: bulkId is "REQUIRED when "method" is "POST"".
    if (op.method === "POST") {
      if (op.bulkId === undefined) throw invalidSyntax(`${where}: POST needs a "bulkId"`);
      if (bulkIds.has(op.bulkId)) throw invalidSyntax(`${where}: bulkId ${excerpt(op.bulkId)} is used by another POST in this request`);
      bulkIds.add(op.bulkId);
    }

    const version = member(raw, "version");
    if (version !== undefined && version !== null) {
      if (typeof version !== "string") throw invalidSyntax(`${where}: "version" must be a string (an ETag)`);
      op.version = version;
    }

    const data = member(raw, "data");
    if (op.method !== "DELETE") {
      // §3.7: data is "REQUIRED when "method" is "POST", "PUT", or "PATCH"".
      if (!isJsonObject(data)) throw invalidSyntax(`${where}: ${op.method} needs "data", a JSON object`);
      collectReferences(data); // rejects data nested too deeply, before anything runs
      op.data = data;
    }
    request.operations.push(op);
  });
  return request;
}
