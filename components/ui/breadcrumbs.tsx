import Link from "next/link";
import { cn } from "./cn";
import { ChevronRightIcon } from "./icons";

export type Breadcrumb = { label: string; href?: string };

/** Trail of links; the last item is the current page (aria-current="page", not a link). */
export function Breadcrumbs({ items, className }: { items: Breadcrumb[]; className?: string }) {
  if (items.length === 0) return null;
  return (
    <nav aria-label="Breadcrumb" className={className}>
      <ol className="flex flex-wrap items-center gap-1 text-[0.8125rem] text-fg-subtle">
        {items.map((item, index) => {
          const isLast = index === items.length - 1;
          return (
            <li key={`${index}-${item.label}`} className="flex items-center gap-1">
              {isLast || item.href === undefined ? (
                <span aria-current={isLast ? "page" : undefined} className={cn(isLast && "font-medium text-fg-muted")}>
                  {item.label}
                </span>
              ) : (
                <Link
                  href={item.href}
                  className="rounded-sm transition-colors hover:text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
                >
                  {item.label}
                </Link>
              )}
              {isLast ? null : <ChevronRightIcon className="size-3.5 text-line-strong" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
