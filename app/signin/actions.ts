"use server";

import { z } from "zod";
import { providerIdFor } from "@/lib/auth/federated-provider";
import { findAccountForEmail } from "@/lib/federation/find-account-for-email";

export type SingleSignOnTarget = { ok: true; providerId: string; accountName: string } | { ok: false; message: string };

const emailSchema = z.email({ message: "Enter your work email address, such as name@example.com." });

/** Which account's identity provider signs this email in (chosen from its domain). */
export async function findSingleSignOn(email: string): Promise<SingleSignOnTarget> {
  const parsed = emailSchema.safeParse(email.trim());
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Enter a valid email address." };
  const account = await findAccountForEmail(parsed.data);
  if (!account) {
    return { ok: false, message: "No single sign-on is set up for this email's domain. Check the address, or sign in with a password if your administrator gave you one." };
  }
  return { ok: true, providerId: providerIdFor(account.slug), accountName: account.name };
}
