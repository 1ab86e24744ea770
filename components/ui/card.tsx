import { type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";

export type CardProps = ComponentProps<"section">;

/** A bordered white panel. Renders a <section>; give it aria-labelledby when its title should name it. */
export function Card({ className, ...props }: CardProps) {
  return (
    <section className={cn("rounded-lg border border-line bg-surface shadow-card", className)} {...props} />
  );
}

export type CardHeaderProps = Omit<ComponentProps<"div">, "title"> & {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links shown on the right. */
  actions?: ReactNode;
  /** Heading level of the title; h2 by default (h1 is the page title). */
  as?: "h2" | "h3";
  /** id of the title element, for aria-labelledby on the Card. */
  titleId?: string;
};

export function CardHeader({ title, description, actions, as: Heading = "h2", titleId, className, ...props }: CardHeaderProps) {
  return (
    <div
      className={cn("flex flex-wrap items-start justify-between gap-x-4 gap-y-3 border-b border-line px-5 py-4", className)}
      {...props}
    >
      <div className="min-w-0 flex-1 space-y-1">
        <Heading id={titleId} className="text-base font-semibold text-fg">
          {title}
        </Heading>
        {description ? <p className="text-sm text-fg-muted">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export type CardBodyProps = ComponentProps<"div"> & {
  /** Remove the padding, e.g. when the body is a full-width table or list. */
  flush?: boolean;
};

export function CardBody({ flush = false, className, ...props }: CardBodyProps) {
  return <div className={cn(flush ? "" : "px-5 py-4", className)} {...props} />;
}

export type CardFooterProps = ComponentProps<"div">;

/** Grey footer with right-aligned actions. */
export function CardFooter({ className, ...props }: CardFooterProps) {
  return (
    <div
      className={cn(
        "flex flex-wrap items-center justify-end gap-2 rounded-b-lg border-t border-line bg-surface-muted px-5 py-3",
        className,
      )}
      {...props}
    />
  );
}
