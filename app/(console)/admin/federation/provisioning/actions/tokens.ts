"use server";

import { z } from "zod";
import { db } from "@/lib/db";
import { createScimToken, MAX_TOKEN_NAME_LENGTH } from "@/lib/tokens/create-token";
import type { ScimTokenSummary } from "@/lib/tokens/list-tokens";
import { revokeScimToken } from "@/lib/tokens/revoke-token";
import { provisioningAction, type ActionResult } from "./result";

const MAX_EXPIRY_DAYS = 730;

const generateTokenInput = z.object({
  name: z.string().trim().max(MAX_TOKEN_NAME_LENGTH, `Use at most ${MAX_TOKEN_NAME_LENGTH} characters.`).optional(),
  /** Days until the token expires; empty for a token that never expires. */
  expiresInDays: z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return null;
      const days = Number(value);
      if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
        ctx.addIssue({ code: "custom", message: `Enter a whole number of days from 1 to ${MAX_EXPIRY_DAYS}, or leave it empty.` });
        return z.NEVER;
      }
      return days;
    }),
});

export interface GeneratedToken {
  /** The secret: returned once, kept only in the browser's memory by the page. */
  secret: string;
  token: ScimTokenSummary;
}

export async function generateTokenAction(input: { name: string; expiresInDays: string }): Promise<ActionResult<GeneratedToken>> {
  return provisioningAction({ schema: generateTokenInput, input, mutates: true }, async ({ accountId, actor }, { name, expiresInDays }) => {
    const expiresAt = expiresInDays === null ? null : new Date(Date.now() + expiresInDays * 24 * 3600 * 1000);
    const created = await createScimToken(db, { accountId, name: name || undefined, expiresAt, actor });
    return { secret: created.token, token: created.record };
  });
}

const deleteTokenInput = z.object({ tokenId: z.uuid("That token does not exist.") });

export async function deleteTokenAction(input: { tokenId: string }): Promise<ActionResult<{ name: string }>> {
  return provisioningAction({ schema: deleteTokenInput, input, mutates: true }, async ({ accountId, actor }, { tokenId }) => {
    const token = await revokeScimToken({ accountId, tokenId, actor });
    return { name: token.name };
  });
}
