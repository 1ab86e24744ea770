import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clearRateLimit, hitRateLimit } from "./fixed-window";

describe("hitRateLimit", () => {
  it("counts every concurrent hit exactly once", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit("test:concurrent", 25, 60)));
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
    expect(results.every((r) => r.retryAfterSeconds > 0 && r.retryAfterSeconds <= 60)).toBe(true);
  });

  it("starts a new window once the old one has passed", async () => {
    await hitRateLimit("test:window", 1, 60);
    expect((await hitRateLimit("test:window", 1, 60)).allowed).toBe(false);
    await db.rateLimitCounter.update({ where: { key: "test:window" }, data: { windowStart: new Date(Date.now() - 61_000) } });
    expect(await hitRateLimit("test:window", 1, 60)).toMatchObject({ allowed: true, hits: 1 });
  });

  it("can be cleared", async () => {
    await hitRateLimit("test:clear", 1, 60);
    await clearRateLimit("test:clear");
    expect((await hitRateLimit("test:clear", 1, 60)).allowed).toBe(true);
  });
});
