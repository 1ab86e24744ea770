// What each event type means, in the portal's words (the dotted name stays visible next to it, for filters).

const NAMES: Record<string, string> = {
  "account.created": "Account created",
  "account.retention_changed": "Retention settings changed",
  "audit_log.exported": "Audit log exported",
  "access.role_assigned": "Role assigned",
  "access.role_removed": "Role removed",
  "access.changed_by_membership": "Access changed by a group membership",
  "access.changed_by_group_deletion": "Access changed by a deleted group",
  "directory.user.created": "Directory user created",
  "directory.user.updated": "Directory user updated",
  "directory.user.deleted": "Directory user deleted",
  "directory.group.created": "Directory group created",
  "directory.group.updated": "Directory group updated",
  "directory.group.deleted": "Directory group deleted",
  "directory.group.members_changed": "Group members changed",
  "federation.created": "Single sign-on connection created",
  "federation.updated": "Single sign-on connection changed",
  "organization.created": "Organization created",
  "organization.renamed": "Organization renamed",
  "organization.moved": "Organization moved",
  "organization.deleted": "Organization deleted",
  "organization.key_changed": "Organization key changed",
  "project.created": "Project created",
  "project.renamed": "Project renamed",
  "project.moved": "Project moved",
  "project.deleted": "Project deleted",
  "provisioning.enable": "Provisioning turned on",
  "provisioning.enable_completed": "Provisioning ready",
  "provisioning.complete_setup": "Provisioning set up",
  "provisioning.remove_setup": "Provisioning setup removed",
  "provisioning.setup_saved": "Provisioning setup saved",
  "provisioning.pause": "Provisioning paused",
  "provisioning.auto_pause": "Provisioning paused by the safety valve",
  "provisioning.resume": "Provisioning resumed",
  "provisioning.turn_off": "Provisioning turned off",
  "provisioning.reset_completed": "Provisioning reset finished",
  "provisioning.reset_cleared": "Directory data cleared",
  "provisioning.safety_valve_changed": "Safety valve changed",
  "provisioning.users_taken_over": "Users brought under SCIM management",
  "provisioning.users_handed_back": "Users handed back to single sign-on",
  "scim_token.created": "SCIM token created",
  "scim_token.first_used": "SCIM token used for the first time",
  "scim_token.revoked": "SCIM token deleted",
  "scim_token.expired": "SCIM token expired",
  "signin.refused": "Sign-in refused",
  "user.created": "User created",
  "user.updated": "User updated",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "user.taken_over": "User brought under SCIM management",
};

/** "Group members changed" for "directory.group.members_changed"; a readable fallback for types not listed. */
export function auditEventName(action: string): string {
  const known = NAMES[action];
  if (known) return known;
  const words = action.replaceAll(/[._]/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : action;
}

export const ACTOR_TYPE_NAMES = { USER: "Person", SCIM_TOKEN: "SCIM token", SYSTEM: "System" } as const;
