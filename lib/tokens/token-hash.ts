import crypto from "node:crypto";
import { derivedKey } from "@/lib/crypto/keys";

/**
 * HMAC-SHA-256 of the whole token under a key derived from APP_SECRET: a keyed hash, so a stolen database
 * alone cannot confirm guessed tokens (and 256 random bits need no slow hash).
 */
export function hashToken(token: string): Buffer<ArrayBuffer> {
  return crypto.createHmac("sha256", derivedKey("scim-token")).update(token, "utf8").digest();
}
