// Types of the PATCH engine's input and output.
import type { FilterNode } from "../filter";

/** A resource in its stored shape (see resource-input.ts): canonical names, extensions under their URN. */
export type StoredResource = Record<string, unknown>;

export type PatchOpName = "add" | "replace" | "remove";

/** One validated entry of "Operations". `value` is undefined when the member was absent. */
export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: unknown;
  /** Whether the operation carried a "value" member at all (absent and null differ for member removal). */
  hasValue: boolean;
  /** Position in "Operations", for error details. */
  index: number;
}

export interface MemberRef {
  value: string;
  type?: "User" | "Group";
  display?: string;
}

/**
 * A change to a group's membership, which the engine never holds in memory (groups have 100,000 members).
 * Apply them in order. Adding an existing member and removing a non-member are no-ops (IdPs retry).
 */
export type MemberOp =
  | { kind: "add"; members: MemberRef[] }
  | { kind: "remove"; values: string[] }
  /** Remove the members matching a filter on the member sub-attributes (leaves' paths start with "members"). */
  | { kind: "removeMatching"; filter: FilterNode }
  | { kind: "replace"; members: MemberRef[] }
  | { kind: "removeAll" };

export interface PatchResult {
  /** The new stored resource (a fresh object; the input is never mutated). */
  resource: StoredResource;
  memberOps: MemberOp[];
  /** False when nothing changes (the caller then keeps the version and modification time). */
  changed: boolean;
  /** Set when the patch assigns the writeOnly password (cleartext, for the caller to hash); null when it removes it. */
  password?: string | null;
}
