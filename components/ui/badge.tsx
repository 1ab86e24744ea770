import { type ComponentProps } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "success" | "warning" | "danger" | "info" | "brand";

export type BadgeProps = ComponentProps<"span"> & {
  tone?: BadgeTone;
  /** Leading coloured dot, for statuses ("Active", "Paused"). */
  dot?: boolean;
};

const tones: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: "bg-surface-hover text-fg-muted ring-line-strong/70", dot: "bg-fg-subtle" },
  success: { badge: "bg-success-50 text-success-700 ring-success-600/20", dot: "bg-success-500" },
  warning: { badge: "bg-warning-50 text-warning-800 ring-warning-600/25", dot: "bg-warning-500" },
  danger: { badge: "bg-danger-50 text-danger-700 ring-danger-600/20", dot: "bg-danger-500" },
  info: { badge: "bg-info-50 text-info-700 ring-info-600/20", dot: "bg-info-500" },
  brand: { badge: "bg-brand-50 text-brand-700 ring-brand-600/20", dot: "bg-brand-500" },
};

/** A small inline label for statuses and counts. The text must make sense on its own (colour is not the only signal). */
export function Badge({ tone = "neutral", dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        tones[tone].badge,
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden="true" className={cn("size-1.5 rounded-full", tones[tone].dot)} /> : null}
      {children}
    </span>
  );
}
