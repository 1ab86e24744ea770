"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { textField } from "@/lib/form-data";
import { findSingleSignOn } from "./actions";
import { startFederatedSignIn } from "./start-federated-sign-in";

export interface SignInFormProps {
  /** Set when the page was opened with ?account=<slug>: that account's provider, offered directly. */
  account: { providerId: string; name: string } | null;
  initialError: string | null;
  callbackUrl: string;
}

export function SignInForm({ account, initialError, callbackUrl }: SignInFormProps) {
  const [mode, setMode] = useState<"sso" | "password">("sso");
  const [error, setError] = useState<string | null>(initialError);
  const [emailError, setEmailError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function continueWithSso(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setEmailError(null);
    setPending(true);
    const email = textField(new FormData(event.currentTarget), "email");
    const target = await findSingleSignOn(email);
    if (!target.ok) {
      setEmailError(target.message);
      setPending(false);
      return;
    }
    await startFederatedSignIn(target.providerId, { loginHint: email, callbackUrl });
  }

  async function signInWithPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setPending(true);
    const form = new FormData(event.currentTarget);
    const result = await signIn("password", {
      email: textField(form, "email"),
      password: textField(form, "password"),
      redirect: false,
      callbackUrl,
    });
    if (result?.ok && !result.error) {
      window.location.assign(result.url ?? callbackUrl);
      return;
    }
    setError(signInErrorMessage(result?.error ?? "CredentialsSignin"));
    setPending(false);
  }

  return (
    <div className="space-y-6">
      <div aria-live="polite">{error ? <Alert tone="danger" title="Sign-in failed">{error}</Alert> : null}</div>

      {mode === "sso" ? (
        <div className="space-y-5">
          {account ? (
            <Button
              type="button"
              className="w-full"
              loading={pending}
              onClick={() => {
                setPending(true);
                void startFederatedSignIn(account.providerId, { callbackUrl });
              }}
            >
              Continue with {account.name} single sign-on
            </Button>
          ) : null}
          <form onSubmit={(e) => void continueWithSso(e)} className="space-y-4" noValidate>
            <Field label="Work email" error={emailError} description={account ? "Or sign in to another account with your email." : undefined}>
              {(control) => <Input {...control} name="email" type="email" autoComplete="email" required placeholder="name@company.com" />}
            </Field>
            <Button type="submit" variant={account ? "secondary" : "primary"} className="w-full" loading={pending && !account}>
              Continue with single sign-on
            </Button>
          </form>
          <p className="text-center text-sm text-fg-muted">
            Setting up a new account?{" "}
            <button type="button" className="font-medium text-brand-700 underline-offset-2 hover:underline" onClick={() => { setMode("password"); setError(null); }}>
              Sign in with a password
            </button>
          </p>
        </div>
      ) : (
        <form onSubmit={(e) => void signInWithPassword(e)} className="space-y-4">
          <Field label="Email">{(control) => <Input {...control} name="email" type="email" autoComplete="username" required />}</Field>
          <Field label="Password">{(control) => <Input {...control} name="password" type="password" autoComplete="current-password" required />}</Field>
          <Button type="submit" className="w-full" loading={pending}>
            Sign in
          </Button>
          <p className="text-center text-sm text-fg-muted">
            <button type="button" className="font-medium text-brand-700 underline-offset-2 hover:underline" onClick={() => { setMode("sso"); setError(null); }}>
              Use single sign-on instead
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
