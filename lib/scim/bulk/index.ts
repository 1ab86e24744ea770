// SCIM bulk operations (RFC 7644 §3.7): validate the request, then run it through the caller's executor.
export { parseBulkRequest, type ParseBulkOptions } from "./request";
export { runBulk, type RunBulkOptions } from "./run";
export { BULK_ID_PREFIX, MAX_DATA_DEPTH, collectReferences, referencedBulkId, replaceReferences } from "./references";
export * from "./types";
