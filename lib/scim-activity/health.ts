import { db } from "@/lib/db";

/** Which IdP a user agent belongs to, for people (the raw string is kept too). */
export function identityProviderOf(userAgent: string | null): string {
  if (!userAgent) return "Unknown client";
  if (/Azure AD|Microsoft|Entra/i.test(userAgent)) return "Microsoft Entra ID";
  if (/Okta/i.test(userAgent)) return "Okta";
  if (/OneLogin/i.test(userAgent)) return "OneLogin";
  if (/JumpCloud/i.test(userAgent)) return "JumpCloud";
  if (/Google/i.test(userAgent)) return "Google Workspace";
  return "Other SCIM client";
}

/** Last contact from the IdP and the request/error counts of the last 24 hours. */
export async function getScimHealth(accountId: string) {
  const [last, counts] = await Promise.all([
    db.scimRequestLog.findFirst({ where: { accountId }, orderBy: { occurredAt: "desc" }, select: { occurredAt: true, userAgent: true, status: true } }),
    db.$queryRaw<{ requests: number; errors: number }[]>`
      SELECT count(*)::int AS requests, count(*) FILTER (WHERE status >= 400)::int AS errors
      FROM "ScimRequestLog" WHERE "accountId" = ${accountId}::uuid AND "occurredAt" > now() - interval '24 hours'`,
  ]);
  return {
    lastContact: last ? { at: last.occurredAt, userAgent: last.userAgent, identityProvider: identityProviderOf(last.userAgent), status: last.status } : null,
    last24h: counts[0] ?? { requests: 0, errors: 0 },
  };
}
