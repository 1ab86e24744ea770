import Link from "next/link";

export default function NotFound() {
  return (
    <main className="grid min-h-screen place-items-center bg-canvas px-4">
      <div className="max-w-md space-y-3 text-center">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="text-xl font-semibold text-fg">Page not found</h1>
        <p className="text-sm text-fg-muted">The page you are looking for does not exist or has moved.</p>
        <Link href="/" className="inline-block text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          Go to the portal
        </Link>
      </div>
    </main>
  );
}
