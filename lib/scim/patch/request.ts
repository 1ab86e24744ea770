// The PatchOp request envelope, RFC 7644 §3.5.2: { "schemas": [PatchOp URN], "Operations": [...] }.
import { invalidSyntax } from "../errors";
import { excerpt, isJsonObject } from "../json";
import type { PatchOpName, PatchOperation } from "./types";

export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** Most operations in one PATCH request (a member list inside one operation is not limited here). */
export const MAX_PATCH_OPERATIONS = 1000;

const OP_NAMES: ReadonlySet<string> = new Set<PatchOpName>(["add", "replace", "remove"]);

/** The member of `obj` whose name equals `name` case-insensitively (RFC 7643 §2.1 applies to messages too). */
function member(obj: Record<string, unknown>, name: string): { found: boolean; value: unknown } {
  if (Object.hasOwn(obj, name)) return { found: true, value: obj[name] };
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? { found: false, value: undefined } : { found: true, value: obj[key] };
}

/** Validates the envelope and each operation's shape; attribute-level checks happen when applying. */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw invalidSyntax("The PATCH body must be a JSON object");
  const schemas = member(body, "schemas").value;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw invalidSyntax(`The PATCH body must have "schemas": ["${PATCH_OP_SCHEMA}"]`);
  }
  const operations = member(body, "Operations").value;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax(`The PATCH body must have "Operations", a non-empty array`);
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw invalidSyntax(`The PATCH body has ${operations.length} operations; at most ${MAX_PATCH_OPERATIONS} are accepted`);
  }
  return operations.map((raw, index): PatchOperation => {
    if (!isJsonObject(raw)) throw invalidSyntax(`Operations[${index}] must be an object`);
    const op = member(raw, "op").value;
    // Entra sends "Add", "Replace", "Remove".
    if (typeof op !== "string" || !OP_NAMES.has(op.toLowerCase())) {
      throw invalidSyntax(`Operations[${index}]: "op" must be "add", "replace" or "remove", got ${excerpt(op)}`);
    }
    const path = member(raw, "path").value;
    if (path !== undefined && path !== null && typeof path !== "string") {
      throw invalidSyntax(`Operations[${index}]: "path" must be a string, got ${excerpt(path)}`);
    }
    const value = member(raw, "value");
    const operation: PatchOperation = { op: op.toLowerCase() as PatchOpName, hasValue: value.found, index };
    // An empty path is taken as no path: some clients send "" for a path-less add/replace.
    if (typeof path === "string" && path.trim() !== "") operation.path = path;
    if (value.found) operation.value = value.value;
    return operation;
  });
}
