import { type ReactNode } from "react";
import { HydrationMarker } from "@/components/shell/hydration-marker";
import { type Breadcrumb, Breadcrumbs } from "./breadcrumbs";
import { cn } from "./cn";

export type PageHeaderProps = {
  /** The page's <h1>. */
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links on the right (wraps below the title on narrow screens). */
  actions?: ReactNode;
  breadcrumbs?: Breadcrumb[];
  /** Extra content under the title row, e.g. status badges or <Tabs>. */
  children?: ReactNode;
  className?: string;
};

/** Top of every page: breadcrumbs, h1 title, description, actions. */
export function PageHeader({ title, description, actions, breadcrumbs, children, className }: PageHeaderProps) {
  return (
    <header className={cn("mb-6 space-y-3", className)}>
      <HydrationMarker />
      {breadcrumbs && breadcrumbs.length > 0 ? <Breadcrumbs items={breadcrumbs} /> : null}
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="min-w-0 flex-1 space-y-1">
          <h1 className="text-xl leading-7 font-semibold tracking-tight text-fg">{title}</h1>
          {description ? <p className="max-w-3xl text-sm text-fg-muted">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      {children}
    </header>
  );
}
