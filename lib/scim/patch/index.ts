// SCIM PATCH (RFC 7644 §3.5.2): the PatchOp request, paths, and the all-or-nothing engine.
export { applyPatch, type PatchOptions } from "./engine";
export { parsePatchPath, topLevelOf, MAX_PATH_LENGTH, type PatchPath } from "./path";
export { parsePatchRequest, PATCH_OP_SCHEMA, MAX_PATCH_OPERATIONS } from "./request";
export { isExternalMembers, memberValuesOf } from "./members";
export type { MemberOp, MemberRef, PatchOpName, PatchOperation, PatchResult, StoredResource } from "./types";
