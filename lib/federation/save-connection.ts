import { db } from "@/lib/db";
import { sealSecret } from "@/lib/crypto/secret-box";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { checkIssuer } from "./discovery";
import { connectionSecretContext } from "./connection-secret";
import type { ConnectionInput } from "./connection-input";

export type SaveConnectionResult =
  | { ok: true }
  | { ok: false; fieldErrors: Partial<Record<keyof ConnectionInput, string>> };

class DomainTaken extends Error {
  constructor(readonly domains: string[]) {
    super("domain taken");
  }
}

/**
 * Creates or replaces the account's federation connection after checking that the issuer answers discovery.
 * Nothing is saved when any check fails. The client secret is kept when none is given (edits without retyping it).
 */
export async function saveFederationConnection(
  accountId: string,
  actor: AuditActor,
  input: ConnectionInput,
  check: typeof checkIssuer = checkIssuer,
): Promise<SaveConnectionResult> {
  const discovered = await check(input.issuer);
  if (!discovered.ok) return { ok: false, fieldErrors: { issuer: discovered.message } };

  try {
    await db.$transaction(async (tx) => {
      const before = await tx.federationConnection.findUnique({ where: { accountId }, include: { domains: true } });
      if (!before && !input.clientSecret) throw new MissingSecret();
      const taken = await tx.federationDomain.findMany({
        where: { domain: { in: input.emailDomains }, accountId: { not: accountId } },
        select: { domain: true },
      });
      if (taken.length) throw new DomainTaken(taken.map((t) => t.domain));

      const secret = input.clientSecret ? { clientSecretEncrypted: sealSecret(input.clientSecret, connectionSecretContext(accountId)) } : {};
      const data = { issuer: discovered.issuer, clientId: input.clientId, verifiedAt: new Date(), ...secret };
      const connection = before
        ? await tx.federationConnection.update({ where: { accountId }, data })
        : await tx.federationConnection.create({ data: { accountId, ...data, clientSecretEncrypted: secret.clientSecretEncrypted! } });

      await tx.federationDomain.deleteMany({ where: { accountId, domain: { notIn: input.emailDomains } } });
      await tx.federationDomain.createMany({
        data: input.emailDomains.map((domain) => ({ domain, accountId, connectionId: connection.id })),
        skipDuplicates: true,
      });

      const describe = (c: { issuer: string; clientId: string } | null, domains: string[]) =>
        c ? { issuer: c.issuer, clientId: c.clientId, emailDomains: [...domains].sort() } : null;
      await recordAuditEvent(tx, accountId, {
        action: before ? "federation.updated" : "federation.created",
        actor,
        target: { type: "federation", id: connection.id, label: connection.issuer },
        before: describe(before, before?.domains.map((d) => d.domain) ?? []) ?? undefined,
        after: { ...describe(connection, input.emailDomains), clientSecret: input.clientSecret ? "changed" : "unchanged" },
      });
    });
  } catch (e) {
    if (e instanceof MissingSecret) return { ok: false, fieldErrors: { clientSecret: "Enter the client secret." } };
    if (e instanceof DomainTaken) {
      return { ok: false, fieldErrors: { emailDomains: `Already used by another account: ${e.domains.join(", ")}.` } };
    }
    // Another account claimed one of the domains between our check and our insert.
    if (isUniqueViolation(e)) return { ok: false, fieldErrors: { emailDomains: "One of these domains was just claimed by another account." } };
    throw e;
  }
  return { ok: true };
}

class MissingSecret extends Error {}
