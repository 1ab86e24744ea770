import zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base62, crc32, displayHintOf, generateToken, hasValidShape, TOKEN_LENGTH, TOKEN_PREFIX, tokenFromBytes } from "./token-format";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe("crc32", () => {
  it("is the IEEE CRC-32 (check value of 123456789)", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(crc32("")).toBe(0);
  });

  it("agrees with zlib.crc32 on any text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (text) => crc32(text) === zlib.crc32(text)));
  });
});

describe("base62", () => {
  it("writes fixed-length digits and refuses values that do not fit", () => {
    expect(base62(0n, 3)).toBe("000");
    expect(base62(61n, 1)).toBe("z");
    expect(base62(62n, 2)).toBe("10");
    expect(() => base62(62n, 1)).toThrow(RangeError);
    expect(base62(2n ** 256n - 1n, 43)).toHaveLength(43);
    expect(base62(2n ** 32n - 1n, 6)).toHaveLength(6);
  });
});

describe("token format", () => {
  it("has the prefix, a fixed length and only base62 characters", () => {
    const token = generateToken();
    expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(TOKEN_LENGTH).toBe(56);
    expect(token.slice(TOKEN_PREFIX.length)).toMatch(/^[0-9A-Za-z]+$/);
    expect(generateToken()).not.toBe(token);
  });

  it("keeps the fixed length at the extremes of the random value", () => {
    for (const fill of [0, 0xff]) {
      const token = tokenFromBytes(new Uint8Array(32).fill(fill));
      expect(token).toHaveLength(TOKEN_LENGTH);
      expect(hasValidShape(token)).toBe(true);
    }
    expect(() => tokenFromBytes(new Uint8Array(31))).toThrow(RangeError);
  });

  it("maps different random bytes to different tokens", () => {
    fc.assert(
      fc.property(bytes32, bytes32, (a, b) => {
        fc.pre(Buffer.compare(Buffer.from(a), Buffer.from(b)) !== 0);
        return tokenFromBytes(a) !== tokenFromBytes(b);
      }),
    );
  });

  it("every token has a valid shape", () => {
    fc.assert(fc.property(bytes32, (bytes) => hasValidShape(tokenFromBytes(bytes))));
    for (let i = 0; i < 200; i++) expect(hasValidShape(generateToken())).toBe(true);
  });

  it("any single-character change breaks the shape or the checksum", () => {
    const replacement = fc.oneof(fc.constantFrom(...ALPHABET), fc.string({ minLength: 1, maxLength: 1, unit: "binary" }));
    fc.assert(
      fc.property(bytes32, fc.nat(TOKEN_LENGTH - 1), replacement, (bytes, index, char) => {
        const token = tokenFromBytes(bytes);
        fc.pre(token[index] !== char);
        return !hasValidShape(token.slice(0, index) + char + token.slice(index + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it("catches every single-character typo in the random part and the checksum", () => {
    const token = generateToken();
    for (let index = TOKEN_PREFIX.length; index < TOKEN_LENGTH; index++) {
      for (const char of ALPHABET) {
        if (char === token[index]) continue;
        expect(hasValidShape(token.slice(0, index) + char + token.slice(index + 1))).toBe(false);
      }
    }
  });

  it("refuses other prefixes, lengths and alphabets", () => {
    const token = generateToken();
    expect(hasValidShape("")).toBe(false);
    expect(hasValidShape(token.slice(0, -1))).toBe(false);
    expect(hasValidShape(`${token}0`)).toBe(false);
    expect(hasValidShape(`ghp_${token.slice(4)}`)).toBe(false);
    expect(hasValidShape(token.toUpperCase())).toBe(false);
    expect(hasValidShape(` ${token.slice(1)}`)).toBe(false);
  });
});

describe("displayHintOf", () => {
  it("is the prefix and the first four random characters, nothing more", () => {
    const token = generateToken();
    const hint = displayHintOf(token);
    expect(hint).toBe(`${TOKEN_PREFIX}${token.slice(7, 11)}…`);
    expect(hint).toHaveLength(TOKEN_PREFIX.length + 5);
    expect(hint.includes(token.slice(7, 12))).toBe(false);
  });
});
