import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "@/lib/db";
import { openSecret } from "@/lib/crypto/secret-box";
import { connectionSecretContext } from "@/lib/federation/connection-secret";

const PREFIX = "sso-";

/** next-auth provider id of an account's connection; also the last segment of its redirect URI. */
export function providerIdFor(accountSlug: string): string {
  return `${PREFIX}${accountSlug}`;
}

export function accountSlugFromProviderId(providerId: string): string | null {
  return providerId.startsWith(PREFIX) ? providerId.slice(PREFIX.length) || null : null;
}

interface OidcClaims {
  sub: string;
  email?: string;
  preferred_username?: string;
  upn?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
}

/** The OIDC provider for the account named by `providerId`, or null when it has no connection. */
export async function federatedProviderFor(providerId: string): Promise<OAuthConfig<OidcClaims> | null> {
  const slug = accountSlugFromProviderId(providerId);
  if (!slug) return null;
  const account = await db.account.findUnique({
    where: { slug },
    select: { id: true, name: true, federation: { select: { id: true, issuer: true, clientId: true, clientSecretEncrypted: true } } },
  });
  const connection = account?.federation;
  if (!account || !connection) return null;
  return {
    id: providerIdFor(slug),
    name: account.name,
    type: "oauth",
    wellKnown: `${connection.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: connection.clientId,
    clientSecret: openSecret(connection.clientSecretEncrypted, connectionSecretContext(account.id)),
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    profile(claims) {
      // Entra ID may omit `email`; its preferred_username / upn carry the sign-in address instead.
      const email = claims.email ?? claims.preferred_username ?? claims.upn ?? null;
      const name = claims.name ?? ([claims.given_name, claims.family_name].filter(Boolean).join(" ") || null);
      return { id: claims.sub, email, name };
    },
  };
}
