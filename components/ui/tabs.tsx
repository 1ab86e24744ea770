import Link from "next/link";
import { type ReactNode } from "react";
import { cn } from "./cn";

export type TabItem = {
  /** Compared with `active`. */
  id: string;
  label: ReactNode;
  href: string;
  /** Optional trailing count or badge. */
  badge?: ReactNode;
  /** Shown but not clickable (e.g. a tab that is unavailable); explain why elsewhere on the page. */
  disabled?: boolean;
};

export type TabsProps = {
  items: TabItem[];
  /** id of the current tab: gets aria-current="page" and the underline. */
  active: string;
  /** Names the navigation landmark, e.g. "Administration". */
  label: string;
  className?: string;
};

/** Link-based tabs for sub-navigation between pages (not an ARIA tablist: each tab is a page). */
export function Tabs({ items, active, label, className }: TabsProps) {
  return (
    <nav aria-label={label} className={cn("border-b border-line", className)}>
      <ul className="-mb-px flex gap-5 overflow-x-auto">
        {items.map((item) => {
          const isActive = item.id === active;
          const content = (
            <>
              {item.label}
              {item.badge !== undefined ? <span className="text-xs">{item.badge}</span> : null}
            </>
          );
          const classes = cn(
            "inline-flex items-center gap-2 border-b-2 px-0.5 pt-1 pb-2.5 text-sm font-medium whitespace-nowrap transition-colors",
            isActive
              ? "border-brand-600 text-fg"
              : item.disabled
                ? "cursor-not-allowed border-transparent text-fg-subtle/70"
                : "border-transparent text-fg-muted hover:border-line-strong hover:text-fg",
          );
          return (
            <li key={item.id} className="flex">
              {item.disabled && !isActive ? (
                <span aria-disabled="true" className={classes}>
                  {content}
                </span>
              ) : (
                <Link
                  href={item.href}
                  aria-current={isActive ? "page" : undefined}
                  className={cn(
                    classes,
                    "rounded-t-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-focus",
                  )}
                >
                  {content}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
