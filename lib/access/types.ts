// The shapes of the access model, shared by the pure resolver, the loader and the pages.
import type { Role } from "@/lib/generated/prisma/client";
import type { OrgTree } from "./org-tree";

/** Where an assignment applies, or what a check is about: the account, an organization or a project. */
export type ScopeRef = { type: "ACCOUNT" } | { type: "ORGANIZATION"; id: string } | { type: "PROJECT"; id: string };

/** A scope with its name, for display. */
export type GrantScope = { type: "ACCOUNT" } | { type: "ORGANIZATION"; id: string; name: string } | { type: "PROJECT"; id: string; name: string };

export interface GroupRef {
  id: string;
  displayName: string;
}

export type GrantVia =
  | { kind: "direct" }
  /** From the user's direct group up to the group holding the assignment (one element when that is the direct group). */
  | { kind: "group"; chain: GroupRef[] };

/** A role the user holds at a scope, and why. */
export interface EffectiveGrant {
  assignmentId: string;
  role: Role;
  scope: GrantScope;
  via: GrantVia;
}

export interface AccessResolution {
  grants: EffectiveGrant[];
  /** Data problems met while resolving (cycles, bindings that exclude an assignment, unknown organization keys). */
  warnings: string[];
}

export interface AssignmentRecord {
  id: string;
  role: Role;
  principal: { type: "user"; id: string } | { type: "group"; id: string };
  scope: ScopeRef;
}

export interface GroupRecord {
  id: string;
  displayName: string;
  /** The organization keys the IdP sent in our SCIM extension, as sent (empty: the group is not bound). */
  organizationKeys: string[];
}

/** Everything the resolver needs about one user: an in-memory snapshot (see load-access-snapshot.ts). */
export interface AccessSnapshot {
  /** Groups the user is a direct member of. */
  directGroupIds: string[];
  /** The direct groups and every group above them (nesting). */
  groups: GroupRecord[];
  /** Nesting edges among those groups: `childId` is a member of `parentId`. */
  memberships: { childId: string; parentId: string }[];
  /** The user's own assignments and those of the groups above. */
  assignments: AssignmentRecord[];
  /** At least the organizations and projects the assignments name (and their ancestors). */
  orgTree: OrgTree;
}

/** A grant that applies at a target; `inheritedFrom` is set when it comes from above (account or an ancestor organization). */
export type InheritedFrom = { type: "ACCOUNT" } | { type: "ORGANIZATION"; id: string; name: string };

export interface RoleSource {
  grant: EffectiveGrant;
  inheritedFrom: InheritedFrom | null;
}

/** One role held at a target, with every grant giving it. */
export interface RoleAt {
  role: Role;
  sources: RoleSource[];
}
