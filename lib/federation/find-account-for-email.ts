import { db } from "@/lib/db";
import { emailDomain } from "@/lib/users/user-name";

/** The account whose federation connection serves this email's domain, or null. */
export async function findAccountForEmail(email: string) {
  const domain = emailDomain(email);
  if (!domain) return null;
  const row = await db.federationDomain.findUnique({
    where: { domain },
    select: { account: { select: { id: true, slug: true, name: true } } },
  });
  return row?.account ?? null;
}
