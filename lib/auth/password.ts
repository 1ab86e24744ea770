import { hash, verify } from "@node-rs/argon2";

// Argon2id with OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane): memory-hard, ~20 ms here.
const PARAMS = { algorithm: 2 /* Argon2id (a const enum the package cannot export under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}

// Verifying against a real hash when no user matched keeps the response time the same either way,
// so timing does not reveal which emails have a password.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword("decoy-password-that-never-matches");
  await verifyPassword(await decoy, password);
  return false;
}
