import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { federatedProviderFor } from "@/lib/auth/federated-provider";

interface Context {
  params: Promise<{ nextauth: string[] }>;
}

// The federated provider is looked up from the provider id in the path (/signin/sso-<account>,
// /callback/sso-<account>), so every account signs in through its own IdP.
async function handler(request: NextRequest, context: Context) {
  const [action, providerId] = (await context.params).nextauth;
  const needsProvider = (action === "signin" || action === "callback") && providerId;
  const provider = needsProvider ? await federatedProviderFor(providerId) : null;
  return NextAuth(request, context, authOptions(provider ? [provider] : [])) as Promise<Response>;
}

export { handler as GET, handler as POST };
