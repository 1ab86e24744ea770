import { ButtonLink } from "@/components/ui/button";
import { ChevronRightIcon } from "@/components/ui/icons";

/**
 * Navigation of a newest-first list paged by cursor (keyset): which page this is, back to the newest, and the next
 * older page when there is one. There is no page count: counting millions of rows would cost more than the page.
 */
export function KeysetPager({
  label,
  pageNumber,
  shown,
  noun,
  atNewest,
  newestHref,
  olderHref,
}: {
  /** Accessible name of the navigation, e.g. "Pages of events". */
  label: string;
  pageNumber: number;
  shown: number;
  /** The listed thing, singular and plural. */
  noun: [string, string];
  atNewest: boolean;
  newestHref: string;
  olderHref: string | null;
}) {
  const plural = noun[1];
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-[0.8125rem] text-fg-muted">
        Page {pageNumber}: {shown.toLocaleString("en-GB")} {shown === 1 ? noun[0] : plural}, newest first
      </p>
      <div className="flex items-center gap-2">
        {atNewest ? null : (
          <ButtonLink href={newestHref} variant="secondary" size="sm">
            Back to newest
          </ButtonLink>
        )}
        {olderHref ? (
          <ButtonLink href={olderHref} variant="secondary" size="sm" rel="next">
            Older {plural}
            <ChevronRightIcon />
          </ButtonLink>
        ) : (
          <span className="text-[0.8125rem] text-fg-subtle">No older {plural}</span>
        )}
      </div>
    </nav>
  );
}
