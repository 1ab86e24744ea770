import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldIcon } from "@/components/ui/icons";
import { findAccountBySlug } from "@/lib/accounts/find-account";
import { providerIdFor } from "@/lib/auth/federated-provider";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { getViewer } from "@/lib/auth/viewer";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths may be used after sign-in (no open redirect). */
function safeCallback(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/overview";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; account?: string; callbackUrl?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  const account = params.account ? await findAccountBySlug(params.account) : null;

  return (
    <main className="grid min-h-screen place-items-center bg-canvas px-4 py-12">
      <div className="w-full max-w-sm space-y-8">
        <div className="space-y-3 text-center">
          <span className="mx-auto grid size-10 place-items-center rounded-lg bg-brand-600 text-white">
            <ShieldIcon className="size-5" />
          </span>
          <h1 className="text-xl font-semibold text-fg">{account ? `Sign in to ${account.name}` : "Sign in to the portal"}</h1>
          <p className="text-sm text-fg-muted">Use your organization&apos;s single sign-on.</p>
        </div>
        <div className="rounded-lg border border-line bg-surface p-6 shadow-xs">
          <SignInForm
            account={account ? { providerId: providerIdFor(account.slug), name: account.name } : null}
            initialError={signInErrorMessage(params.error)}
            callbackUrl={callbackUrl}
          />
        </div>
      </div>
    </main>
  );
}
