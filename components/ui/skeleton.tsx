import { type HTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn";

export type SkeletonProps = HTMLAttributes<HTMLDivElement>;

/** A grey pulsing block. Size it with className (e.g. "h-4 w-32"). Hidden from assistive technology. */
export function Skeleton({ className, ...props }: SkeletonProps) {
  return (
    <div
      aria-hidden="true"
      className={cn("rounded-md bg-line motion-safe:animate-pulse", className)}
      {...props}
    />
  );
}

/** Wraps placeholders in a polite status region that announces "Loading…" once. */
export function LoadingRegion({
  label = "Loading…",
  className,
  children,
}: {
  label?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className={className}>
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

/** A few lines of text placeholder; the last one is shorter. */
export function SkeletonText({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={cn("space-y-2", className)}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn("h-3.5", i === lines - 1 && lines > 1 ? "w-2/3" : "w-full")} />
      ))}
    </div>
  );
}

/** Table-shaped placeholder matching <Table>'s borders and row height. */
export function SkeletonTable({
  rows = 5,
  columns = 4,
  className,
}: {
  rows?: number;
  columns?: number;
  className?: string;
}) {
  const cols = Array.from({ length: columns }, (_, c) => c);
  return (
    <div
      aria-hidden="true"
      className={cn("overflow-hidden rounded-lg border border-line bg-surface shadow-card", className)}
    >
      <div className="flex gap-6 border-b border-line bg-surface-muted px-4 py-3">
        {cols.map((c) => (
          <Skeleton key={c} className="h-3 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-6 border-b border-line px-4 py-3.5 last:border-b-0">
          {cols.map((c) => (
            <Skeleton key={c} className={cn("h-3.5 flex-1", c === 0 ? "max-w-48" : "max-w-32")} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Card-shaped placeholder. */
export function SkeletonCard({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={cn("rounded-lg border border-line bg-surface p-5 shadow-card", className)}>
      <Skeleton className="mb-4 h-4 w-40" />
      <SkeletonText lines={lines} />
    </div>
  );
}

/** Ready-made loading.tsx body: page header, then a table (or cards). */
export function PageSkeleton({ variant = "table" }: { variant?: "table" | "cards" }) {
  return (
    <LoadingRegion className="space-y-6">
      <div aria-hidden="true" className="space-y-2 border-b border-line pb-5">
        <Skeleton className="h-6 w-56" />
        <Skeleton className="h-3.5 w-96 max-w-full" />
      </div>
      {variant === "table" ? (
        <SkeletonTable />
      ) : (
        <div className="space-y-6">
          <SkeletonCard />
          <SkeletonCard lines={2} />
        </div>
      )}
    </LoadingRegion>
  );
}
