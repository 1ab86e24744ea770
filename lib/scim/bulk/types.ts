// Types of bulk requests and responses, RFC 7644 §3.7.
import type { ResourceTypeName } from "../schema/registry";

export const BULK_REQUEST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
export const BULK_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

export type BulkMethod = "POST" | "PUT" | "PATCH" | "DELETE";

export interface BulkLimits {
  /** ServiceProviderConfig bulk.maxOperations. */
  maxOperations: number;
  /** ServiceProviderConfig bulk.maxPayloadSize, in bytes. */
  maxPayloadSize: number;
}

export interface BulkOperation {
  /** Position in the request's "Operations". */
  index: number;
  method: BulkMethod;
  bulkId?: string;
  version?: string;
  /** The path as sent, e.g. "/Users", "/Groups/bulkId:qwerty". */
  path: string;
  resourceType: ResourceTypeName;
  /** The id in the path (absent for POST); may be a "bulkId:..." reference until resolved. */
  id?: string;
  /** The request body for POST, PUT, PATCH; may hold "bulkId:..." references. */
  data?: unknown;
}

export interface BulkRequest {
  operations: BulkOperation[];
  /** Stop after this many errors (RFC 7644 §3.7.3); undefined = never stop. */
  failOnErrors?: number;
}

/** The target of an operation once its bulkId references are resolved. */
export interface ResolvedBulkPath {
  /** e.g. "/Users/2819c223-..." */
  path: string;
  resourceType: ResourceTypeName;
  id?: string;
}

/** What the caller's executor reports for one operation. */
export interface BulkExecutionResult {
  /** HTTP status of the operation, e.g. 201, 200, 204, 404. */
  status: number;
  /** The resource's URL; REQUIRED in a response except for a failed POST (§3.7). */
  location?: string;
  /** The id of the resource (for a POST: the created id, which resolves "bulkId:" references). */
  id?: string;
  /** For failures, the SCIM error body; for successes, optionally the resource. */
  response?: unknown;
  /** The resource's version (ETag). */
  version?: string;
}

export type BulkExecutor = (op: BulkOperation, path: ResolvedBulkPath, data: unknown) => Promise<BulkExecutionResult>;

export interface BulkResponseOperation {
  method: BulkMethod;
  bulkId?: string;
  version?: string;
  location?: string;
  /** The HTTP status code as a string, as in RFC 7644 §3.7.3's examples ("201"). */
  status: string;
  /** A ScimErrorBody for failures; what the executor returned otherwise. */
  response?: unknown;
}

export interface BulkResponse {
  schemas: [typeof BULK_RESPONSE_SCHEMA];
  Operations: BulkResponseOperation[];
}
