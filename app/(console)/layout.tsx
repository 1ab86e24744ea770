import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { QueryProvider } from "@/components/shell/query-provider";
import { requireViewer } from "@/lib/auth/viewer";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return (
    <QueryProvider>
      <ConsoleShell viewer={viewer}>{children}</ConsoleShell>
    </QueryProvider>
  );
}
