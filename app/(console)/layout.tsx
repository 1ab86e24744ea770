import type { ReactNode } from "react";
import { ConsoleShell } from "@/components/shell/console-shell";
import { requireViewer } from "@/lib/auth/viewer";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return <ConsoleShell viewer={viewer}>{children}</ConsoleShell>;
}
