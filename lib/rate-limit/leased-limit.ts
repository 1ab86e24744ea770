// A per-key rate limit shared by every app instance through PostgreSQL, without a write per request: each
// process leases a block of hits from the key's RateLimitCounter row and spends it locally. The database never
// grants more than `limit` hits per window, so instances cannot overshoot together; the cost is that hits a
// process leased but did not spend are lost for that window (at most one block per instance and key).
import { db } from "@/lib/db";

export interface LeasedLimiterOptions {
  /** Hits allowed per key and window, across all instances. */
  limit: number;
  windowSeconds: number;
  /** Hits leased per database round trip; default max(1, min(50, floor(limit / 20))). */
  blockSize?: number;
}

export interface LeasedLimitResult {
  allowed: boolean;
  /** Seconds until the window ends when refused (for Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

export interface LeasedLimiter {
  hit(key: string): Promise<LeasedLimitResult>;
}

export interface LeaseGrant {
  /** Hits granted to this process, 0..block. */
  granted: number;
  /** Milliseconds left in the window the grant belongs to. */
  msLeft: number;
}

export type LeaseHits = (key: string, block: number) => Promise<LeaseGrant>;

export function defaultBlockSize(limit: number): number {
  return Math.max(1, Math.min(50, Math.floor(limit / 20)));
}

/**
 * One atomic statement: starts a new window when the old one has passed, else adds `block` to the hits leased
 * so far, and grants what is left of the limit (at most `block`). "hits" is capped at limit + block, which keeps
 * old = hits - block exact whenever something is still grantable (and the grant 0 otherwise).
 */
export async function leaseHits(key: string, limit: number, windowSeconds: number, block: number): Promise<LeaseGrant> {
  const rows = await db.$queryRaw<{ hits: number; ms_left: number }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "hits") VALUES (${key}, now(), ${block}::int)
    ON CONFLICT ("key") DO UPDATE SET
      "hits" = CASE WHEN "RateLimitCounter"."windowStart" <= now() - make_interval(secs => ${windowSeconds}::int)
                    THEN ${block}::int
                    ELSE LEAST("RateLimitCounter"."hits" + ${block}::int, ${limit + block}::int) END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= now() - make_interval(secs => ${windowSeconds}::int)
                    THEN now() ELSE "RateLimitCounter"."windowStart" END
    RETURNING "hits",
      -- LEAST: windowStart is stored to the millisecond and may round up past now().
      LEAST(${windowSeconds * 1000}::float8,
            EXTRACT(EPOCH FROM ("windowStart" + make_interval(secs => ${windowSeconds}::int) - now())) * 1000)::float8 AS ms_left`;
  const row = rows[0]!;
  return { granted: Math.max(0, Math.min(block, limit - (row.hits - block))), msLeft: row.ms_left };
}

interface KeyState {
  /** Leased hits not spent yet; valid only until windowEndsAt. */
  tokens: number;
  /** Local clock; set from the lease's start so it never runs past the database's window end. */
  windowEndsAt: number;
  /** The window's whole budget is leased: refuse without asking again until it ends. */
  exhausted: boolean;
  /** The lease request in flight, shared by every concurrent hit on the key. */
  lease: Promise<void> | null;
}

const MAX_IDLE_KEYS = 10_000;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** The local half of the limiter, with the lease injected (unit-tested without a database). */
export function createLimiterWithLease(options: LeasedLimiterOptions, lease: LeaseHits): LeasedLimiter {
  const limit = positiveInteger("limit", options.limit);
  positiveInteger("windowSeconds", options.windowSeconds);
  const block = positiveInteger("blockSize", options.blockSize ?? defaultBlockSize(limit));
  const states = new Map<string, KeyState>();

  async function refill(state: KeyState, key: string): Promise<void> {
    const startedAt = Date.now();
    try {
      const grant = await lease(key, block);
      state.windowEndsAt = startedAt + grant.msLeft;
      state.tokens = grant.granted;
      state.exhausted = grant.granted < block;
    } finally {
      state.lease = null;
    }
  }

  function stateOf(key: string, now: number): KeyState {
    let state = states.get(key);
    if (!state) {
      if (states.size >= MAX_IDLE_KEYS) {
        for (const [k, s] of states) if (!s.lease && now >= s.windowEndsAt) states.delete(k);
      }
      state = { tokens: 0, windowEndsAt: 0, exhausted: false, lease: null };
      states.set(key, state);
    }
    return state;
  }

  return {
    async hit(key) {
      // Each turn either answers or waits for a lease that grants hits or marks the window exhausted.
      for (;;) {
        const now = Date.now();
        const state = stateOf(key, now);
        if (now >= state.windowEndsAt) {
          // Leftovers were counted in a window that has ended: spending them now would overshoot the new one.
          state.tokens = 0;
          state.exhausted = false;
        }
        if (state.tokens > 0) {
          state.tokens--;
          return { allowed: true, retryAfterSeconds: 0 };
        }
        if (state.exhausted) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((state.windowEndsAt - now) / 1000)) };
        }
        state.lease ??= refill(state, key);
        await state.lease;
      }
    },
  };
}

/**
 * A limiter whose budget is shared through PostgreSQL by every instance using the same keys (keys are global:
 * give each limit its own key prefix). A database error rejects the hit; the caller chooses to fail open or closed.
 */
export function createLeasedLimiter(options: LeasedLimiterOptions): LeasedLimiter {
  return createLimiterWithLease(options, (key, block) => leaseHits(key, options.limit, options.windowSeconds, block));
}
