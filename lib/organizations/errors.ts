// One error class for the organization and project rules; its message is written for the person who asked.
export type OrganizationErrorCode =
  | "not-found" // the organization or project does not exist in this account
  | "invalid-name"
  | "invalid-key"
  | "key-taken" // another organization of the account already uses the key
  | "cycle" // the move would put an organization under itself or one of its descendants
  | "not-empty" // delete without cascade while it still holds organizations or projects
  | "forbidden"; // the person lacks the permission the change needs

export class OrganizationError extends Error {
  readonly code: OrganizationErrorCode;

  constructor(code: OrganizationErrorCode, message: string) {
    super(message);
    this.name = "OrganizationError";
    this.code = code;
  }
}

export function isOrganizationError(error: unknown, code?: OrganizationErrorCode): error is OrganizationError {
  return error instanceof OrganizationError && (code === undefined || error.code === code);
}

/** Ids that are not UUIDs are "not found" rather than a PostgreSQL cast error. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

export const organizationNotFound = () => new OrganizationError("not-found", "That organization does not exist (it may have been deleted).");
export const projectNotFound = () => new OrganizationError("not-found", "That project does not exist (it may have been deleted).");
export const keyTaken = (key: string) => new OrganizationError("key-taken", `Another organization already uses the key "${key}". Keys are unique in your account.`);
