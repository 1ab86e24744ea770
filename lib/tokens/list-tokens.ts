import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What the UI may know about a token: never the secret nor its hash. */
export interface ScimTokenSummary {
  id: string;
  name: string;
  displayHint: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export const TOKEN_SUMMARY_SELECT = {
  id: true,
  name: true,
  displayHint: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
} as const satisfies Prisma.ScimTokenSelect;

/** Live = neither revoked nor expired. Revoked rows stay for the audit trail but are no longer listed. */
export function liveTokenWhere(accountId: string, now = new Date()): Prisma.ScimTokenWhereInput {
  return { accountId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export async function listScimTokens(accountId: string): Promise<ScimTokenSummary[]> {
  return db.scimToken.findMany({
    where: liveTokenWhere(accountId),
    select: TOKEN_SUMMARY_SELECT,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
