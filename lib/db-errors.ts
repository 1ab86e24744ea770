// Recognising PostgreSQL errors that Prisma (through the pg driver adapter) passes up.

function codeOf(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const err = e as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } };
  if (err.code === "P2002") return "23505";
  const adapterCause = err.meta?.driverAdapterError?.cause;
  if (adapterCause?.kind === "UniqueConstraintViolation") return "23505";
  if (typeof adapterCause?.originalCode === "string") return adapterCause.originalCode;
  if (typeof err.code === "string" && /^[0-9A-Z]{5}$/.test(err.code)) return err.code;
  return err.cause ? codeOf(err.cause) : undefined;
}

/** A unique-constraint violation (SQLSTATE 23505), raised by Prisma or by raw SQL. */
export function isUniqueViolation(e: unknown): boolean {
  return codeOf(e) === "23505";
}

/** A serialization failure or deadlock: the transaction may be retried. */
export function isRetryableConflict(e: unknown): boolean {
  const code = codeOf(e);
  return code === "40001" || code === "40P01";
}

/** The database cannot be reached or is shutting down (connection refused, too many clients, admin shutdown). */
export function isDatabaseUnavailable(e: unknown): boolean {
  const code = codeOf(e);
  if (code && (code.startsWith("08") || code === "53300" || code === "57P01" || code === "57P03")) return true;
  const cause = e instanceof Error ? (e as { cause?: unknown }).cause : undefined;
  const text = e instanceof Error ? `${e.message} ${cause instanceof Error ? cause.message : ""}` : "";
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|Connection terminated|DatabaseNotReachable|P1001/i.test(text);
}
