import { type ReactNode } from "react";
import { cn } from "./cn";

export type EmptyStateProps = {
  /** An icon from ./icons, e.g. <UsersIcon />. Sized automatically. */
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** A Button or ButtonLink. */
  action?: ReactNode;
  /** Dashed border box (default) or plain, e.g. inside a Card. */
  bordered?: boolean;
  /** Heading level of the title. */
  as?: "h2" | "h3" | "p";
  className?: string;
};

/** What a list shows when it has nothing in it yet: what this is, and what to do next. */
export function EmptyState({ icon, title, description, action, bordered = true, as: Heading = "h2", className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center px-6 py-12 text-center",
        bordered && "rounded-lg border border-dashed border-line-strong bg-surface",
        className,
      )}
    >
      {icon ? (
        <div
          aria-hidden="true"
          className="mb-4 flex size-10 items-center justify-center rounded-lg bg-surface-hover text-fg-subtle ring-1 ring-line [&_svg]:size-5"
        >
          {icon}
        </div>
      ) : null}
      <Heading className="text-sm font-semibold text-fg">{title}</Heading>
      {description ? <p className="mt-1 max-w-md text-sm text-fg-muted">{description}</p> : null}
      {action ? <div className="mt-5 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
