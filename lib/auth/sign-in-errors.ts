import { SIGN_IN_REFUSAL_MESSAGES, type SignInRefusal } from "./sign-in-policy";

// What the sign-in page says for an ?error= code: our refusals, and next-auth's own codes.
const MESSAGES: Record<string, string> = {
  ...SIGN_IN_REFUSAL_MESSAGES,
  "no-email": "Your identity provider did not send an email address. Ask your administrator to release the email claim to this application.",
  "unknown-account": "This sign-in link does not belong to any account.",
  "invalid-credentials": "The email or password is not correct.",
  OAuthSignin: "We could not start sign-in with your identity provider. Try again, or ask your administrator to check the connection.",
  OAuthCallback: "Your identity provider's answer could not be verified. Try again, or ask your administrator to check the connection.",
  OAuthCreateAccount: "Your account could not be created. Try again later.",
  Callback: "Sign-in could not be completed. Try again.",
  AccessDenied: "Access was denied.",
  Configuration: "Sign-in is misconfigured on our side. Try again later.",
  SessionRequired: "Please sign in to continue.",
  CredentialsSignin: "The email or password is not correct.",
};

export function signInErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  const rateLimited = /^rate-limited(?::(\d+))?$/.exec(code);
  if (rateLimited) {
    const minutes = Math.max(1, Math.ceil(Number(rateLimited[1] ?? 900) / 60));
    return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}

export function isRefusal(code: string): code is SignInRefusal {
  return code in SIGN_IN_REFUSAL_MESSAGES;
}
