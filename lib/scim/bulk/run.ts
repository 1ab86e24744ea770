// Running a bulk request, RFC 7644 §3.7.
//
// Order and references (§3.7.2): operations run one at a time in the order given, except that an operation
// referring to the bulkId of a POST that has not run yet is deferred until that POST has succeeded (§3.7
// allows processing in any order that keeps the client's intent). Then:
// - a reference to a bulkId no POST in the request declares: the operation fails with 400 invalidValue;
// - a reference to a POST that failed: the operation fails with 409 Conflict (it cannot be resolved);
// - references that can never be resolved because they form a cycle (including a POST referring to its own
//   bulkId): each operation of the cycle fails with 409 Conflict, as §3.7.1 permits ("MAY stop after a failed
//   attempt and instead return HTTP status code 409"). Cycles are not broken by creating a resource first and
//   patching it afterwards.
// failOnErrors (§3.7.3): after that many failed operations nothing more runs; the operations not run are left
// out of the response. Responses are listed in request order; "status" is the HTTP code as a string, as in
// the RFC's examples. An executor that throws a ScimError yields that error for the operation; any other
// exception yields a 500 for that operation (earlier operations have been committed: failing the whole
// request would hide them from the client).

import { ScimError } from "../errors";
import { collectReferences, referencedBulkId, replaceReferences } from "./references";
import {
  BULK_RESPONSE_SCHEMA,
  type BulkExecutionResult,
  type BulkExecutor,
  type BulkOperation,
  type BulkRequest,
  type BulkResponse,
  type BulkResponseOperation,
  type ResolvedBulkPath,
} from "./types";

function errorResult(error: ScimError): BulkExecutionResult {
  return { status: error.status, response: error.toBody() };
}

/** The last path segment of a Location URL, the resource's id. */
function idFromLocation(location: string | undefined): string | undefined {
  if (!location) return undefined;
  const segment = location.replace(/[?#].*$/, "").replace(/\/+$/, "").split("/").pop();
  if (!segment) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function referencesOf(op: BulkOperation): string[] {
  const refs: string[] = [];
  const fromPath = op.id === undefined ? undefined : referencedBulkId(op.id);
  if (fromPath !== undefined) refs.push(fromPath);
  return op.data === undefined ? refs : collectReferences(op.data, refs);
}

function resolvePath(op: BulkOperation, ids: ReadonlyMap<string, string>): ResolvedBulkPath {
  const endpoint = `/${op.path.split("/")[1] ?? ""}`;
  if (op.id === undefined) return { path: endpoint, resourceType: op.resourceType };
  const ref = referencedBulkId(op.id);
  const id = ref === undefined ? op.id : (ids.get(ref) ?? op.id);
  return { path: `${endpoint}/${encodeURIComponent(id)}`, resourceType: op.resourceType, id };
}

export interface RunBulkOptions {
  /**
   * The SCIM base URL ("https://host/scim/v2"). When given, operations other than POST whose result carries no
   * location get one built from it (§3.7: location is "REQUIRED in a response, except in the event of a POST
   * failure").
   */
  baseUrl?: string;
}

export async function runBulk(request: BulkRequest, execute: BulkExecutor, opts: RunBulkOptions = {}): Promise<BulkResponse> {
  const declared = new Set(request.operations.flatMap((op) => (op.method === "POST" && op.bulkId !== undefined ? [op.bulkId] : [])));
  const created = new Map<string, string>();
  const failed = new Set<string>();
  const results = new Map<number, BulkResponseOperation>();
  let errors = 0;
  const stopped = () => request.failOnErrors !== undefined && errors >= request.failOnErrors;

  const baseUrl = opts.baseUrl?.replace(/\/+$/, "");
  const record = (op: BulkOperation, result: BulkExecutionResult) => {
    const entry: BulkResponseOperation = { method: op.method, status: String(result.status) };
    if (op.bulkId !== undefined) entry.bulkId = op.bulkId;
    if (result.version !== undefined) entry.version = result.version;
    if (result.location !== undefined) entry.location = result.location;
    else if (baseUrl !== undefined && op.method !== "POST") entry.location = `${baseUrl}${resolvePath(op, created).path}`;
    if (result.response !== undefined) entry.response = result.response;
    results.set(op.index, entry);
    const ok = result.status < 400;
    if (!ok) errors++;
    if (op.method === "POST" && op.bulkId !== undefined) {
      const id = ok ? (result.id ?? idFromLocation(result.location)) : undefined;
      if (id !== undefined) created.set(op.bulkId, id);
      else failed.add(op.bulkId);
    }
  };

  const run = async (op: BulkOperation) => {
    let result: BulkExecutionResult;
    try {
      result = await execute(op, resolvePath(op, created), op.data === undefined ? undefined : replaceReferences(op.data, created));
    } catch (error) {
      result = error instanceof ScimError ? errorResult(error) : errorResult(new ScimError(500, "The operation failed with an internal error"));
    }
    record(op, result);
  };

  let pending = request.operations;
  let progress = true;
  while (pending.length > 0 && progress && !stopped()) {
    progress = false;
    const deferred: BulkOperation[] = [];
    for (const op of pending) {
      if (stopped()) break;
      const refs = referencesOf(op);
      const unknown = refs.find((ref) => !declared.has(ref));
      if (unknown !== undefined) {
        record(op, errorResult(new ScimError(400, `bulkId "${unknown}" is not the bulkId of any POST in this request`, "invalidValue")));
        progress = true;
        continue;
      }
      const failedRef = refs.find((ref) => failed.has(ref));
      if (failedRef !== undefined) {
        record(op, errorResult(new ScimError(409, `bulkId "${failedRef}" cannot be resolved: the operation creating it failed`)));
        progress = true;
        continue;
      }
      if (refs.every((ref) => created.has(ref))) {
        await run(op);
        progress = true;
      } else {
        deferred.push(op);
      }
    }
    pending = deferred;
  }
  // Whatever is still pending waits on itself through a cycle of references (§3.7.1).
  for (const op of pending) {
    if (stopped()) break;
    if (results.has(op.index)) continue;
    const waiting = referencesOf(op).filter((ref) => !created.has(ref));
    record(op, errorResult(new ScimError(409, `Circular bulkId references (${waiting.map((r) => `"${r}"`).join(", ")}) cannot be resolved`)));
  }
  const operations = [...results.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
  return { schemas: [BULK_RESPONSE_SCHEMA], Operations: operations };
}
