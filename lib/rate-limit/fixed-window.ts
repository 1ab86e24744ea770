import { db } from "@/lib/db";

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  hits: number;
  /** Seconds until the window resets (for Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window held in PostgreSQL, so the limit holds across app instances.
 * One statement: concurrent hits serialise on the row and each sees its own count.
 */
export async function hitRateLimit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ hits: number; retry_after: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "hits") VALUES (${key}, now(), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN "RateLimitCounter"."windowStart" <= now() - make_interval(secs => ${windowSeconds}::int)
                    THEN 1 ELSE "RateLimitCounter"."hits" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= now() - make_interval(secs => ${windowSeconds}::int)
                    THEN now() ELSE "RateLimitCounter"."windowStart" END
    RETURNING "hits",
      -- LEAST: windowStart is stored to the millisecond and may round up past now(), which made 61 s of 60.
      LEAST(${windowSeconds}::int, GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => ${windowSeconds}::int) - now())))))::int AS retry_after`;
  const row = rows[0]!;
  return { allowed: row.hits <= limit, hits: row.hits, retryAfterSeconds: row.retry_after };
}

export async function clearRateLimit(key: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key } });
}
