import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => {
  process.env.APP_SECRET ??= "unit-test-secret-0123456789abcdef0123";
  process.env.DATABASE_URL ??= "postgresql://unused";
});

describe("secret box", () => {
  it("round-trips and never contains the plaintext", async () => {
    const { openSecret, sealSecret } = await import("./secret-box");
    const sealed = sealSecret("client-secret-value", "federation:1");
    expect(sealed).not.toContain("client-secret-value");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(openSecret(sealed, "federation:1")).toBe("client-secret-value");
  });

  it("uses a fresh IV each time", async () => {
    const { sealSecret } = await import("./secret-box");
    expect(sealSecret("x", "c")).not.toBe(sealSecret("x", "c"));
  });

  it("refuses a ciphertext moved to another context or tampered with", async () => {
    const { openSecret, sealSecret } = await import("./secret-box");
    const sealed = sealSecret("s3cret", "federation:1");
    expect(() => openSecret(sealed, "federation:2")).toThrow();
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => openSecret(parts.join("."), "federation:1")).toThrow();
  });
});
