// One error class for the token rules; the UI and the CLI turn `code` into their own message.
export type ScimTokenErrorCode =
  | "limit-reached" // the account already has MAX_LIVE_TOKENS live tokens
  | "invalid-name"
  | "invalid-expiry"
  | "account-not-found"
  | "provisioning-resetting" // a token created during a reset would outlive it
  | "not-found";

export class ScimTokenError extends Error {
  readonly code: ScimTokenErrorCode;

  constructor(code: ScimTokenErrorCode, message: string) {
    super(message);
    this.name = "ScimTokenError";
    this.code = code;
  }
}

export function isScimTokenError(error: unknown, code?: ScimTokenErrorCode): error is ScimTokenError {
  return error instanceof ScimTokenError && (code === undefined || error.code === code);
}

/** Ids that are not UUIDs are "not found" rather than a PostgreSQL cast error. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
