// The role catalogue: what each role allows, and where it may be assigned. Fixed in code (the Role enum in
// prisma/schema.prisma names the roles; this file gives them meaning). See lib/access/README.md.
import type { Role, RoleScope } from "@/lib/generated/prisma/client";

/**
 * What a role allows at a target (the account, an organization or a project). A grant applies at its scope and
 * everything under it, so a permission held through an organization-scoped grant holds in that subtree only.
 */
export type Permission =
  /** Account-wide settings: single sign-on, provisioning, SCIM tokens, the audit log. Only meaningful at the account. */
  | "account.administer"
  /** Assign and remove roles at the target (and below). */
  | "access.manage"
  | "billing.manage"
  /** Technical settings of organizations and projects (integrations, keys, environments). */
  | "technical.manage"
  /** See the target and what it contains; every role includes it. */
  | "resources.read"
  /** A project's settings and its members. */
  | "project.administer"
  /** Work in a project. */
  | "project.use";

export const PERMISSIONS: readonly Permission[] = [
  "account.administer",
  "access.manage",
  "billing.manage",
  "technical.manage",
  "resources.read",
  "project.administer",
  "project.use",
];

export interface RoleDefinition {
  label: string;
  description: string;
  assignableAt: RoleScope[];
  permissions: Permission[];
}

export const ROLE_CATALOGUE: Record<Role, RoleDefinition> = {
  // An organization administrator administers its subtree (roles, billing, technical settings, projects) but not
  // the account: account.administer holds only where the grant applies, and an organization grant never applies
  // at the account.
  ADMINISTRATOR: {
    label: "Administrator",
    description:
      "Everything. At the account: single sign-on, provisioning, tokens, the audit log and every organization and project. At an organization: that organization, its child organizations and their projects.",
    assignableAt: ["ACCOUNT", "ORGANIZATION"],
    permissions: [...PERMISSIONS],
  },
  BILLING: {
    label: "Billing",
    description: "Manages billing and sees what is billed, for the account or an organization subtree.",
    assignableAt: ["ACCOUNT", "ORGANIZATION"],
    permissions: ["billing.manage", "resources.read"],
  },
  TECHNICAL: {
    label: "Technical",
    description: "Manages technical settings of organizations and projects and works in the projects, without billing or access management.",
    assignableAt: ["ACCOUNT", "ORGANIZATION", "PROJECT"],
    permissions: ["technical.manage", "project.use", "resources.read"],
  },
  READ_ONLY: {
    label: "Read-only",
    description: "Sees everything in its scope and changes nothing.",
    assignableAt: ["ACCOUNT", "ORGANIZATION", "PROJECT"],
    permissions: ["resources.read"],
  },
  // Project roles at an organization apply to every project of its subtree (and let the holder see the
  // organizations on the way, to reach them).
  PROJECT_ADMIN: {
    label: "Project admin",
    description: "Administers a project (settings and members); at an organization, every project of its subtree.",
    assignableAt: ["ORGANIZATION", "PROJECT"],
    permissions: ["project.administer", "project.use", "resources.read"],
  },
  PROJECT_MEMBER: {
    label: "Project member",
    description: "Works in a project; at an organization, in every project of its subtree.",
    assignableAt: ["ORGANIZATION", "PROJECT"],
    permissions: ["project.use", "resources.read"],
  },
};

/** Display order (most powerful first). */
export const ROLES: readonly Role[] = ["ADMINISTRATOR", "BILLING", "TECHNICAL", "READ_ONLY", "PROJECT_ADMIN", "PROJECT_MEMBER"];

/** The roles that include `permission`. */
export function rolesGranting(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_CATALOGUE[role].permissions.includes(permission));
}

/** Whether `role` includes `permission`. */
export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_CATALOGUE[role].permissions.includes(permission);
}

export function isAssignableAt(role: Role, scope: RoleScope): boolean {
  return ROLE_CATALOGUE[role].assignableAt.includes(scope);
}
