import { type ReactNode } from "react";
import { cn } from "./cn";

export type DescriptionListItem = { label: ReactNode; value: ReactNode };

export type DescriptionListProps = {
  /** Convenience: rows as data. Or pass <DescriptionItem> children. */
  items?: DescriptionListItem[];
  children?: ReactNode;
  className?: string;
};

/** Label/value rows for details pages (a <dl>); label column on the left from the sm breakpoint. */
export function DescriptionList({ items, children, className }: DescriptionListProps) {
  return (
    <dl className={cn("divide-y divide-line", className)}>
      {items?.map((item, index) => (
        <DescriptionItem key={index} label={item.label}>
          {item.value}
        </DescriptionItem>
      ))}
      {children}
    </dl>
  );
}

export type DescriptionItemProps = { label: ReactNode; children: ReactNode; className?: string };

export function DescriptionItem({ label, children, className }: DescriptionItemProps) {
  return (
    <div className={cn("grid gap-1 py-3 first:pt-0 last:pb-0 sm:grid-cols-3 sm:gap-4", className)}>
      <dt className="text-sm font-medium text-fg-muted">{label}</dt>
      <dd className="min-w-0 text-sm break-words text-fg sm:col-span-2">{children}</dd>
    </div>
  );
}
