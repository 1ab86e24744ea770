import { db } from "@/lib/db";
import type { SignInMethod } from "@/lib/auth/next-auth";

export type ProvisioningBlocker =
  | "no-connection" // the account has no federation connection
  | "connection-unverified" // the connection's issuer has not passed discovery
  | "not-federated-session"; // the administrator signed in with a local password

export type ProvisioningAvailability = { available: true } | { available: false; blockers: ProvisioningBlocker[] };

/**
 * SCIM can be set up only over a working federation connection, by an administrator who signed in through it
 * (proving the connection works for them before the IdP becomes the source of truth).
 */
export async function provisioningAvailability(accountId: string, method: SignInMethod): Promise<ProvisioningAvailability> {
  const connection = await db.federationConnection.findUnique({ where: { accountId }, select: { verifiedAt: true } });
  const blockers: ProvisioningBlocker[] = [];
  if (!connection) blockers.push("no-connection");
  else if (!connection.verifiedAt) blockers.push("connection-unverified");
  if (method !== "federated") blockers.push("not-federated-session");
  return blockers.length ? { available: false, blockers } : { available: true };
}
