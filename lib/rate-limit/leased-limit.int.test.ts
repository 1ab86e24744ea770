import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createLeasedLimiter, createLimiterWithLease, leaseHits, type LeasedLimiterOptions } from "./leased-limit";

/** A limiter on the real lease that counts its database round trips. */
function countingLimiter(options: LeasedLimiterOptions) {
  const counter = { leases: 0 };
  const limiter = createLimiterWithLease(options, (key, block) => {
    counter.leases++;
    return leaseHits(key, options.limit, options.windowSeconds, block);
  });
  return { limiter, counter };
}

const allowedCount = (results: { allowed: boolean }[]) => results.filter((r) => r.allowed).length;
const moveWindowBack = (key: string, seconds: number) =>
  db.$executeRaw`UPDATE "RateLimitCounter" SET "windowStart" = "windowStart" - make_interval(secs => ${seconds}::int) WHERE "key" = ${key}`;

afterEach(() => {
  vi.useRealTimers();
});

describe("leaseHits", () => {
  it("grants blocks until the limit, then a remainder, then nothing", async () => {
    const grants = [];
    for (let i = 0; i < 5; i++) grants.push((await leaseHits("lease:grants", 10, 60, 4)).granted);
    expect(grants).toEqual([4, 4, 2, 0, 0]);
    const row = await db.rateLimitCounter.findUniqueOrThrow({ where: { key: "lease:grants" } });
    expect(row.hits).toBe(14); // capped at limit + block
  });

  it("grants exactly the limit to concurrent leases", async () => {
    const grants = await Promise.all(Array.from({ length: 30 }, () => leaseHits("lease:concurrent", 50, 60, 3)));
    expect(grants.reduce((sum, g) => sum + g.granted, 0)).toBe(50);
    expect(grants.every((g) => g.msLeft > 0 && g.msLeft <= 60_000)).toBe(true);
  });

  it("starts a new window once the old one has passed", async () => {
    await leaseHits("lease:window", 5, 60, 5);
    expect((await leaseHits("lease:window", 5, 60, 5)).granted).toBe(0);
    await moveWindowBack("lease:window", 60);
    const grant = await leaseHits("lease:window", 5, 60, 5);
    expect(grant.granted).toBe(5);
    expect(grant.msLeft).toBeGreaterThan(59_000);
  });
});

describe("createLeasedLimiter", () => {
  it("never allows more than the limit across two instances hitting at once", async () => {
    const options = { limit: 100, windowSeconds: 60, blockSize: 5 };
    const one = createLeasedLimiter(options);
    const two = createLeasedLimiter(options);
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => (i % 2 ? one : two).hit("leased:two-instances")));
    expect(allowedCount(results)).toBe(100);
    const refused = results.filter((r) => !r.allowed);
    expect(refused.every((r) => r.retryAfterSeconds >= 1 && r.retryAfterSeconds <= 60)).toBe(true);
    // A third instance started later is refused too.
    expect((await createLeasedLimiter(options).hit("leased:two-instances")).allowed).toBe(false);
  });

  it("holds the limit over waves of concurrent hits on two instances", async () => {
    const options = { limit: 237, windowSeconds: 60, blockSize: 10 };
    const one = createLeasedLimiter(options);
    const two = createLeasedLimiter(options);
    let allowed = 0;
    for (let wave = 0; wave < 10; wave++) {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 3 ? one : two).hit("leased:waves")));
      allowed += allowedCount(results);
    }
    expect(allowed).toBeLessThanOrEqual(237);
    expect(allowed).toBeGreaterThanOrEqual(237 - 2 * 10); // at most one unspent block per instance
  });

  it("writes once per block, not once per hit, and concurrent hits share one lease", async () => {
    const { limiter, counter } = countingLimiter({ limit: 1000, windowSeconds: 60, blockSize: 50 });
    const burst = await Promise.all(Array.from({ length: 50 }, () => limiter.hit("leased:blocks")));
    expect(allowedCount(burst)).toBe(50);
    expect(counter.leases).toBe(1);
    for (let i = 0; i < 450; i++) await limiter.hit("leased:blocks");
    expect(counter.leases).toBe(10);
    expect((await db.rateLimitCounter.findUniqueOrThrow({ where: { key: "leased:blocks" } })).hits).toBe(500);
  });

  it("refuses until the window ends, with a sensible Retry-After, then grants again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { limiter, counter } = countingLimiter({ limit: 3, windowSeconds: 60 });
    const results = await Promise.all(Array.from({ length: 5 }, () => limiter.hit("leased:retry")));
    expect(allowedCount(results)).toBe(3);
    const refused = results.find((r) => !r.allowed)!;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    const leases = counter.leases;

    // Another instance, 50 s into the window: about 10 s left.
    await moveWindowBack("leased:retry", 50);
    const late = await createLeasedLimiter({ limit: 3, windowSeconds: 60 }).hit("leased:retry");
    expect(late.allowed).toBe(false);
    expect(late.retryAfterSeconds).toBeGreaterThanOrEqual(9);
    expect(late.retryAfterSeconds).toBeLessThanOrEqual(10);

    // This instance counts down on its own clock, without asking the database.
    vi.setSystemTime(Date.now() + 30_000);
    const meanwhile = await limiter.hit("leased:retry");
    expect(meanwhile.allowed).toBe(false);
    expect(meanwhile.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(meanwhile.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(counter.leases).toBe(leases);

    // The window passes (both clocks): the full budget again.
    await moveWindowBack("leased:retry", 61);
    vi.setSystemTime(Date.now() + 31_000);
    const again = await Promise.all(Array.from({ length: 5 }, () => limiter.hit("leased:retry")));
    expect(allowedCount(again)).toBe(3);
  });

  it("keeps keys apart", async () => {
    const limiter = createLeasedLimiter({ limit: 2, windowSeconds: 60 });
    expect(allowedCount(await Promise.all([1, 2, 3].map(() => limiter.hit("leased:a"))))).toBe(2);
    expect(allowedCount(await Promise.all([1, 2, 3].map(() => limiter.hit("leased:b"))))).toBe(2);
  });
});
