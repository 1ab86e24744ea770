import crypto from "node:crypto";
import { derivedKey } from "./keys";

// Authenticated encryption (AES-256-GCM) for secrets we must read back, such as an IdP's client secret.
// Format: "v1.<iv>.<tag>.<ciphertext>" in base64url.
const VERSION = "v1";

export function sealSecret(plaintext: string, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", derivedKey("secret-box"), iv);
  cipher.setAAD(Buffer.from(context)); // binds the ciphertext to its owner: it cannot be moved to another row
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function openSecret(sealed: string, context: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("Unrecognised sealed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", derivedKey("secret-box"), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
