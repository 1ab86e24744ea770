import { db } from "@/lib/db";

/** One portal user of the account, for the user's page; null when the account has no such user. */
export function findAccountUser(accountId: string, id: string) {
  return db.user.findFirst({
    where: { id, accountId },
    select: { id: true, userName: true, name: true, source: true, active: true, lastSignInAt: true, createdAt: true },
  });
}
