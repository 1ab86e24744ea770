import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLimiterWithLease, defaultBlockSize, type LeaseHits } from "./leased-limit";

/** The database's side of the contract in memory: never grants more than `limit` per window. */
function fakeCounter(limit: number, windowMs: number) {
  let windowStart = -Infinity;
  let granted = 0;
  const counter = {
    leases: 0,
    granted: () => granted,
    lease: (async (_key, block) => {
      counter.leases++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      const now = Date.now();
      if (now >= windowStart + windowMs) {
        windowStart = now;
        granted = 0;
      }
      const grant = Math.max(0, Math.min(block, limit - granted));
      granted += grant;
      return { granted: grant, msLeft: windowStart + windowMs - now };
    }) satisfies LeaseHits,
  };
  return counter;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("leased limiter (local half)", () => {
  it("derives the block size from the limit", () => {
    expect(defaultBlockSize(1)).toBe(1);
    expect(defaultBlockSize(100)).toBe(5);
    expect(defaultBlockSize(10_000)).toBe(50);
  });

  it("refuses nonsensical options", () => {
    const { lease } = fakeCounter(10, 1000);
    expect(() => createLimiterWithLease({ limit: 0, windowSeconds: 60 }, lease)).toThrow(RangeError);
    expect(() => createLimiterWithLease({ limit: 10, windowSeconds: 1.5 }, lease)).toThrow(RangeError);
    expect(() => createLimiterWithLease({ limit: 10, windowSeconds: 60, blockSize: 0 }, lease)).toThrow(RangeError);
  });

  it("serves concurrent hits from one shared lease request", async () => {
    const counter = fakeCounter(1000, 60_000);
    const limiter = createLimiterWithLease({ limit: 1000, windowSeconds: 60, blockSize: 10 }, counter.lease);
    const results = await Promise.all(Array.from({ length: 10 }, () => limiter.hit("k")));
    expect(results.every((r) => r.allowed)).toBe(true);
    expect(counter.leases).toBe(1);
    const more = await Promise.all(Array.from({ length: 25 }, () => limiter.hit("k")));
    expect(more.every((r) => r.allowed)).toBe(true);
    expect(counter.leases).toBe(4);
  });

  it("refuses once the window's budget is spent, without asking the database again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const counter = fakeCounter(7, 60_000);
    const limiter = createLimiterWithLease({ limit: 7, windowSeconds: 60, blockSize: 3 }, counter.lease);
    const results = await Promise.all(Array.from({ length: 12 }, () => limiter.hit("k")));
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    const leases = counter.leases;
    vi.setSystemTime(new Date("2026-01-01T00:00:20Z"));
    expect(await limiter.hit("k")).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(counter.leases).toBe(leases);
    vi.setSystemTime(new Date("2026-01-01T00:01:00.500Z"));
    expect(await limiter.hit("k")).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(counter.leases).toBe(leases + 1);
  });

  it("drops hits leased in a window that has ended", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const counter = fakeCounter(100, 60_000);
    const limiter = createLimiterWithLease({ limit: 100, windowSeconds: 60, blockSize: 10 }, counter.lease);
    await limiter.hit("k"); // 9 leftovers
    vi.setSystemTime(new Date("2026-01-01T00:01:01Z"));
    await limiter.hit("k");
    expect(counter.leases).toBe(2);
    expect(counter.granted()).toBe(10); // the new window's counter, not 20
  });

  it("keeps keys apart", async () => {
    const counter = fakeCounter(1, 60_000);
    const limiter = createLimiterWithLease({ limit: 1, windowSeconds: 60 }, counter.lease);
    expect((await limiter.hit("a")).allowed).toBe(true);
    expect((await limiter.hit("a")).allowed).toBe(false);
    // The fake counter is shared, so "b" is refused by it: what matters is that "a"'s local state did not answer.
    const leases = counter.leases;
    await limiter.hit("b");
    expect(counter.leases).toBe(leases + 1);
  });

  it("rejects every waiter when the lease fails, and tries again on the next hit", async () => {
    let fail = true;
    const counter = fakeCounter(100, 60_000);
    const lease: LeaseHits = async (key, block) => {
      if (fail) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        throw new Error("database down");
      }
      return counter.lease(key, block);
    };
    const limiter = createLimiterWithLease({ limit: 100, windowSeconds: 60, blockSize: 5 }, lease);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => limiter.hit("k")));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    fail = false;
    expect(await limiter.hit("k")).toEqual({ allowed: true, retryAfterSeconds: 0 });
  });

  it("two instances sharing a counter never allow more than the limit, and use all of it under load", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 8 }), fc.nat(80), fc.nat(80), async (limit, block, a, b) => {
        const counter = fakeCounter(limit, 60_000);
        const one = createLimiterWithLease({ limit, windowSeconds: 60, blockSize: block }, counter.lease);
        const two = createLimiterWithLease({ limit, windowSeconds: 60, blockSize: block }, counter.lease);
        const results = await Promise.all([...Array.from({ length: a }, () => one.hit("k")), ...Array.from({ length: b }, () => two.hit("k"))]);
        const allowed = results.filter((r) => r.allowed).length;
        expect(allowed).toBeLessThanOrEqual(limit);
        if (a >= limit && b >= limit) expect(allowed).toBe(limit);
        expect(results.filter((r) => !r.allowed).every((r) => r.retryAfterSeconds >= 1 && r.retryAfterSeconds <= 60)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
