import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { generateToken } from "./token-format";

beforeAll(() => {
  vi.stubEnv("APP_SECRET", "unit-test-secret-0123456789abcdef0123");
  vi.stubEnv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none");
});

describe("hashToken", () => {
  it("is a keyed SHA-256: stable per token, different across tokens, not the plain digest", async () => {
    const { hashToken } = await import("./token-hash");
    const token = generateToken();
    const hash = hashToken(token);
    expect(hash).toHaveLength(32);
    expect(hashToken(token).equals(hash)).toBe(true);
    expect(hashToken(generateToken()).equals(hash)).toBe(false);
    expect(hash.equals(crypto.createHash("sha256").update(token).digest())).toBe(false);
    const key = Buffer.from(crypto.hkdfSync("sha256", "unit-test-secret-0123456789abcdef0123", "federation-portal", "key:scim-token", 32));
    expect(hash.equals(crypto.createHmac("sha256", key).update(token).digest())).toBe(true);
  });
});
