import { db } from "@/lib/db";
import { hitRateLimit, clearRateLimit } from "@/lib/rate-limit/fixed-window";
import { userNameKey } from "@/lib/users/user-name";
import { verifyAgainstDecoy, verifyPassword } from "./password";

// Local passwords exist for the first administrator of a fresh install, who needs to sign in before the
// account's IdP is connected. Attempts are limited per email and per client address.
export const PASSWORD_ATTEMPTS = { perEmail: 5, perAddress: 30, windowSeconds: 15 * 60 } as const;

export type PasswordSignInResult =
  | { ok: true; user: { id: string; accountId: string; userName: string; name: string | null; sessionEpoch: number } }
  | { ok: false; error: "invalid-credentials" }
  | { ok: false; error: "rate-limited"; retryAfterSeconds: number };

export async function signInWithPassword(input: { email: string; password: string; clientAddress: string }): Promise<PasswordSignInResult> {
  const key = userNameKey(input.email);
  const [byEmail, byAddress] = await Promise.all([
    hitRateLimit(`signin:email:${key}`, PASSWORD_ATTEMPTS.perEmail, PASSWORD_ATTEMPTS.windowSeconds),
    hitRateLimit(`signin:address:${input.clientAddress}`, PASSWORD_ATTEMPTS.perAddress, PASSWORD_ATTEMPTS.windowSeconds),
  ]);
  if (!byEmail.allowed || !byAddress.allowed) {
    const blocked = [byEmail, byAddress].filter((r) => !r.allowed);
    return { ok: false, error: "rate-limited", retryAfterSeconds: Math.max(...blocked.map((r) => r.retryAfterSeconds)) };
  }

  // The same email may hold a password in more than one account; the first whose hash matches wins.
  const candidates = await db.user.findMany({
    where: { userNameKey: key, active: true, passwordHash: { not: null } },
    select: { id: true, accountId: true, userName: true, name: true, sessionEpoch: true, passwordHash: true },
    orderBy: { createdAt: "asc" },
    take: 5,
  });
  if (candidates.length === 0) {
    await verifyAgainstDecoy(input.password);
    return { ok: false, error: "invalid-credentials" };
  }
  for (const { passwordHash, ...user } of candidates) {
    if (passwordHash && (await verifyPassword(passwordHash, input.password))) {
      await Promise.all([
        clearRateLimit(`signin:email:${key}`),
        db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
      ]);
      return { ok: true, user };
    }
  }
  return { ok: false, error: "invalid-credentials" };
}
