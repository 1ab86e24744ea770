// SCIM bearer tokens: a recognisable prefix (so secret scanners find leaked ones), 256 random bits, and a CRC32
// checksum (so a mistyped or truncated token is refused without a database lookup). GitHub's scheme.
import crypto from "node:crypto";

export const TOKEN_PREFIX = "fpscim_";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_BYTES = 32;
/** 62^43 > 2^256: 43 base62 digits hold any 32-byte value. */
const RANDOM_LENGTH = 43;
/** 62^6 > 2^32. */
const CHECKSUM_LENGTH = 6;
const HINT_LENGTH = 4;

export const TOKEN_LENGTH = TOKEN_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;

const SHAPE = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

// Our own CRC32 (IEEE, as zlib): zlib.crc32 only exists from Node 20.15 and we support 20.9.
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Fixed-length base62 (left-padded with "0"), so every token has the same length. */
export function base62(value: bigint, length: number): string {
  let out = "";
  let rest = value;
  while (rest > 0n) {
    out = ALPHABET[Number(rest % 62n)]! + out;
    rest /= 62n;
  }
  if (out.length > length) throw new RangeError(`${value} does not fit in ${length} base62 digits`);
  return out.padStart(length, "0");
}

function checksumOf(body: string): string {
  return base62(BigInt(crc32(body)), CHECKSUM_LENGTH);
}

/** The token for 32 given bytes (deterministic; property tests feed it arbitrary bytes). */
export function tokenFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== RANDOM_BYTES) throw new RangeError(`a token needs exactly ${RANDOM_BYTES} bytes`);
  const body = TOKEN_PREFIX + base62(BigInt(`0x${Buffer.from(bytes).toString("hex")}`), RANDOM_LENGTH);
  return body + checksumOf(body);
}

export function generateToken(): string {
  return tokenFromBytes(crypto.randomBytes(RANDOM_BYTES));
}

/** Prefix, length, alphabet and checksum: a cheap test that runs before any database lookup. */
export function hasValidShape(token: string): boolean {
  if (token.length !== TOKEN_LENGTH || !SHAPE.test(token)) return false;
  const body = token.slice(0, -CHECKSUM_LENGTH);
  return token.slice(-CHECKSUM_LENGTH) === checksumOf(body);
}

/** Tells two tokens apart in the UI ("fpscim_a1B2…"); 4 base62 characters (~24 bits) are far too few to guess the rest. */
export function displayHintOf(token: string): string {
  return `${TOKEN_PREFIX}${token.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + HINT_LENGTH)}…`;
}
