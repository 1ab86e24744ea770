// The access model's one error class: a code for callers and tests, a message to show as it is.
export type AccessErrorCode =
  | "not-assignable-here"
  | "scope-not-found"
  | "user-not-found"
  | "group-not-found"
  | "outside-group-binding"
  | "duplicate"
  | "assignment-not-found"
  | "last-administrator";

export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AccessError";
  }
}

export function isAccessError(error: unknown, code?: AccessErrorCode): error is AccessError {
  return error instanceof AccessError && (code === undefined || error.code === code);
}
