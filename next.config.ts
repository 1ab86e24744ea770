import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/security-headers";

const securityHeaders = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 for signed-in non-administrators.
  experimental: { authInterrupts: true },
  // Native or server-only packages: load them from node_modules at run time instead of bundling them.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  headers: () => Promise.resolve([{ source: "/:path*", headers: securityHeaders }]),
};

export default nextConfig;
