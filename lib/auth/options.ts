import type { NextAuthOptions } from "next-auth";
import { withAuditRequest } from "@/lib/audit/request-context";
import type { Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { derivedKey } from "@/lib/crypto/keys";
import { env } from "@/lib/env";
import { signInWithPassword } from "./password-sign-in";
import { completeFederatedSignIn } from "./federated-sign-in";
import { accountSlugFromProviderId } from "./federated-provider";
import { findAccountBySlug } from "@/lib/accounts/find-account";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
export const PASSWORD_PROVIDER_ID = "password";

/** Errors the sign-in page knows how to explain (passed as ?error=...). */
export type SignInErrorCode = "invalid-credentials" | "rate-limited" | "deactivated" | "not-provisioned" | "domain-not-allowed" | "no-email" | "unknown-account";

const passwordProvider = CredentialsProvider({
  id: PASSWORD_PROVIDER_ID,
  name: "Password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(credentials, req) {
    const email = credentials?.email?.trim() ?? "";
    const password = credentials?.password ?? "";
    if (!email || !password) throw new Error("invalid-credentials");
    const headers = (req.headers ?? {}) as Record<string, string | string[] | undefined>;
    const forwarded = headers["x-forwarded-for"];
    const clientAddress = (typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined) || "local";
    const result = await signInWithPassword({ email, password, clientAddress });
    if (!result.ok) throw new Error(result.error === "rate-limited" ? `rate-limited:${result.retryAfterSeconds}` : result.error);
    const { user } = result;
    return {
      id: user.id,
      email: user.userName,
      name: user.name,
      portal: { userId: user.id, accountId: user.accountId, sessionEpoch: user.sessionEpoch, method: "password" },
    };
  },
});

/**
 * next-auth options. The federated provider of the account named in the request (if any) is added per
 * request by the auth route, so one deployment serves many accounts, each with its own IdP.
 */
export function authOptions(federatedProviders: Provider[] = []): NextAuthOptions {
  process.env.NEXTAUTH_URL ??= env().APP_URL;
  return {
    secret: derivedKey("session").toString("base64url"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [passwordProvider, ...federatedProviders],
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === PASSWORD_PROVIDER_ID) return Boolean(user.portal);
        const slug = accountSlugFromProviderId(account.provider);
        const portalAccount = slug ? await findAccountBySlug(slug) : null;
        if (!portalAccount) return "/signin?error=unknown-account";
        if (!user.email) return "/signin?error=no-email";
        const email = user.email;
        const result = await withAuditRequest(() => completeFederatedSignIn({ accountId: portalAccount.id, email, name: user.name }));
        if (!result.ok) return `/signin?error=${result.reason}`;
        user.portal = { userId: result.userId, accountId: portalAccount.id, sessionEpoch: result.sessionEpoch, method: "federated" };
        return true;
      },
      jwt({ token, user }) {
        if (user?.portal) {
          token.sub = user.portal.userId;
          token.uid = user.portal.userId;
          token.aid = user.portal.accountId;
          token.epoch = user.portal.sessionEpoch;
          token.method = user.portal.method;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.uid ?? "",
          accountId: token.aid ?? "",
          method: token.method ?? "password",
          epoch: token.epoch ?? -1,
          email: token.email ?? null,
          name: token.name ?? null,
        };
        return session;
      },
    },
  };
}
