"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A sidebar link that marks itself current when the path is at or below its href. */
export function NavLink({ href, icon, children, exact = false }: { href: string; icon: ReactNode; children: ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const current = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={cn(
        "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
        current ? "bg-brand-50 text-brand-700" : "text-fg-muted hover:bg-surface-hover hover:text-fg",
      )}
    >
      <span className={cn(current ? "text-brand-600" : "text-fg-subtle")}>{icon}</span>
      {children}
    </Link>
  );
}
