// The checks that must answer before any database lookup. DATABASE_URL points at a closed port: a query
// would reject, so a test that resolves proves no query was made.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { generateToken } from "./token-format";

beforeAll(() => {
  vi.stubEnv("APP_SECRET", "unit-test-secret-0123456789abcdef0123");
  vi.stubEnv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none");
});

const authenticate = async (header: string | null) => (await import("./authenticate")).authenticateScimRequest(header);

describe("authenticateScimRequest without the database", () => {
  it("reports a missing header or another scheme as missing", async () => {
    for (const header of [null, "", "   ", `Basic ${Buffer.from("a:b").toString("base64")}`, `Token ${generateToken()}`]) {
      expect(await authenticate(header)).toEqual({ ok: false, reason: "missing" });
    }
  });

  it("refuses malformed tokens by their shape and checksum alone", async () => {
    const token = generateToken();
    const typo = token.slice(0, 20) + (token[20] === "a" ? "b" : "a") + token.slice(21);
    for (const header of ["Bearer", "Bearer ", "Bearer abc", `Bearer ${typo}`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token} extra`, `Bearer${token}`]) {
      const result = await authenticate(header);
      expect(result, header).toEqual({ ok: false, reason: header === `Bearer${token}` ? "missing" : "malformed" });
    }
  });

  it("does query the database for a well-formed token (so the tests above would notice a query)", async () => {
    await expect(authenticate(`Bearer ${generateToken()}`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
