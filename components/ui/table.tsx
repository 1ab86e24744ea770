import { type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";

export type TableProps = ComponentProps<"table"> & {
  /** Describes the table for screen readers; visually hidden unless `showCaption`. */
  caption?: ReactNode;
  showCaption?: boolean;
  /** Classes for the scrolling, bordered wrapper. */
  wrapperClassName?: string;
  /** Drop the outer border and radius, e.g. inside a <CardBody flush>. */
  bare?: boolean;
};

/** A bordered, horizontally scrollable table. Compose with THead, TBody, TR, TH, TD. */
export function Table({ caption, showCaption = false, wrapperClassName, bare = false, className, children, ...props }: TableProps) {
  return (
    <div
      className={cn(
        "w-full overflow-x-auto",
        !bare && "rounded-lg border border-line bg-surface shadow-card",
        wrapperClassName,
      )}
    >
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...props}>
        {caption ? (
          <caption className={cn(showCaption ? "px-4 py-3 text-left text-sm text-fg-muted" : "sr-only")}>{caption}</caption>
        ) : null}
        {children}
      </table>
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-line bg-surface-muted", className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-line", className)} {...props} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("transition-colors [tbody>&]:hover:bg-surface-muted", className)} {...props} />;
}

type Align = "left" | "center" | "right";
const alignClasses: Record<Align, string> = { left: "text-left", center: "text-center", right: "text-right" };

export type THProps = ComponentProps<"th"> & { align?: Align };

/** Column header; scope="col" by default. Use scope="row" for row headers inside TBody. */
export function TH({ align = "left", scope = "col", className, ...props }: THProps) {
  return (
    <th
      scope={scope}
      className={cn(
        "px-4 font-medium",
        scope === "row" ? "py-3 text-sm text-fg" : "py-2.5 text-xs whitespace-nowrap text-fg-muted",
        alignClasses[align],
        className,
      )}
      {...props}
    />
  );
}

export type TDProps = ComponentProps<"td"> & { align?: Align };

export function TD({ align = "left", className, ...props }: TDProps) {
  return <td className={cn("px-4 py-3 align-middle text-fg", alignClasses[align], className)} {...props} />;
}
