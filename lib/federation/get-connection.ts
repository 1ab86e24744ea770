import { db } from "@/lib/db";

/** The account's connection as shown to administrators: never the secret, only whether one is set. */
export async function getFederationConnection(accountId: string) {
  const connection = await db.federationConnection.findUnique({
    where: { accountId },
    select: { id: true, issuer: true, clientId: true, verifiedAt: true, updatedAt: true, domains: { select: { domain: true }, orderBy: { domain: "asc" } } },
  });
  if (!connection) return null;
  const { domains, ...rest } = connection;
  return { ...rest, emailDomains: domains.map((d) => d.domain), hasClientSecret: true };
}

export type FederationConnectionView = NonNullable<Awaited<ReturnType<typeof getFederationConnection>>>;
