import Link from "next/link";
import { cn } from "./cn";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";

export type PaginationProps = {
  /** 1-based current page. */
  page: number;
  pageSize: number;
  total: number;
  /** Builds the link for a page, e.g. (p) => `/admin/users?page=${p}`. */
  hrefFor: (page: number) => string;
  /** Noun used in the summary, e.g. "users" → "Showing 26–50 of 312 users". */
  itemLabel?: string;
  className?: string;
};

const numberFormat = new Intl.NumberFormat("en-US");

const linkClasses =
  "inline-flex h-8 items-center gap-1 rounded-md border border-line-strong bg-surface px-2.5 text-[0.8125rem] font-medium text-fg shadow-xs " +
  "transition-colors hover:bg-surface-hover focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus";
const disabledClasses =
  "inline-flex h-8 cursor-not-allowed items-center gap-1 rounded-md border border-line bg-surface-muted px-2.5 text-[0.8125rem] font-medium text-fg-subtle";

/** Previous/Next links with a "Showing 26–50 of 312" summary. Server-friendly: plain links, no state. */
export function Pagination({ page, pageSize, total, hrefFor, itemLabel, className }: PaginationProps) {
  const size = Math.max(1, Math.floor(pageSize));
  const pageCount = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const first = total === 0 ? 0 : (current - 1) * size + 1;
  const last = Math.min(current * size, total);
  const hasPrevious = current > 1;
  const hasNext = current < pageCount;
  const noun = itemLabel ? ` ${itemLabel}` : "";

  return (
    <nav aria-label="Pagination" className={cn("flex flex-wrap items-center justify-between gap-3 py-3", className)}>
      <p className="text-[0.8125rem] text-fg-muted">
        {total === 0 ? (
          `No${noun || " results"}`
        ) : (
          <>
            Showing <span className="font-medium text-fg">{numberFormat.format(first)}</span>–
            <span className="font-medium text-fg">{numberFormat.format(last)}</span> of{" "}
            <span className="font-medium text-fg">{numberFormat.format(total)}</span>
            {noun}
          </>
        )}
      </p>
      <div className="flex items-center gap-2">
        {hasPrevious ? (
          <Link href={hrefFor(current - 1)} rel="prev" className={linkClasses}>
            <ChevronLeftIcon />
            Previous
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClasses}>
            <ChevronLeftIcon />
            Previous
          </span>
        )}
        {hasNext ? (
          <Link href={hrefFor(current + 1)} rel="next" className={linkClasses}>
            Next
            <ChevronRightIcon />
          </Link>
        ) : (
          <span aria-disabled="true" className={disabledClasses}>
            Next
            <ChevronRightIcon />
          </span>
        )}
      </div>
    </nav>
  );
}
