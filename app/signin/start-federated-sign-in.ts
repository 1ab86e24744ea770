// next-auth's client signIn() only accepts providers listed by /api/auth/providers, and ours are resolved per
// account at request time. So we post to the provider's sign-in endpoint ourselves, as signIn() would.
export async function startFederatedSignIn(providerId: string, options: { loginHint?: string; callbackUrl: string }) {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const query = options.loginHint ? `?${new URLSearchParams({ login_hint: options.loginHint })}` : "";
  const response = await fetch(`/api/auth/signin/${encodeURIComponent(providerId)}${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ csrfToken, callbackUrl: options.callbackUrl, json: "true" }),
  });
  const { url } = (await response.json()) as { url?: string };
  window.location.assign(url ?? "/signin?error=OAuthSignin");
}
