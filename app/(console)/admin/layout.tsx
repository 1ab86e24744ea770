import type { ReactNode } from "react";
import { requireAdministrator } from "@/lib/auth/viewer";

// Every page below also checks on its own; this layout only keeps non-administrators out early.
export default async function AdministrationLayout({ children }: { children: ReactNode }) {
  await requireAdministrator();
  return children;
}
