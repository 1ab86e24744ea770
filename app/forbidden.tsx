import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="grid min-h-screen place-items-center bg-canvas px-4">
      <div className="max-w-md space-y-3 text-center">
        <p className="text-sm font-semibold text-brand-700">403</p>
        <h1 className="text-xl font-semibold text-fg">You do not have access to this page</h1>
        <p className="text-sm text-fg-muted">Your roles do not open this page. Ask an administrator of your account if you need access.</p>
        <Link href="/overview" className="inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
