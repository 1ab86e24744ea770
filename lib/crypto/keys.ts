import crypto from "node:crypto";
import { env } from "@/lib/env";

export type KeyPurpose = "session" | "secret-box" | "scim-token";

const cache = new Map<KeyPurpose, Buffer>();

/** A 32-byte key for one purpose, derived from APP_SECRET with HKDF-SHA-256 (one secret to manage, keys never reused across purposes). */
export function derivedKey(purpose: KeyPurpose): Buffer {
  let key = cache.get(purpose);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync("sha256", env().APP_SECRET, "federation-portal", `key:${purpose}`, 32));
    cache.set(purpose, key);
  }
  return key;
}
