import type { Metadata } from "next";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/shell/hydration-marker";
import "./globals.css";

// Every page depends on who is signed in: render per request, never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Federation portal", template: "%s · Federation portal" },
  description: "Single sign-on, SCIM provisioning and access for your organization.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {children}
        <HydrationMarker />
      </body>
    </html>
  );
}
