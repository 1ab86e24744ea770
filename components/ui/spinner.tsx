import { cn } from "./cn";

export type SpinnerSize = "sm" | "md" | "lg";

export type SpinnerProps = {
  size?: SpinnerSize;
  /** Announced to screen readers (role="status"). Ignored when `decorative`. */
  label?: string;
  /** Hide from assistive technology, e.g. inside a button that already sets aria-busy. */
  decorative?: boolean;
  className?: string;
};

const sizes: Record<SpinnerSize, string> = { sm: "size-3.5", md: "size-4", lg: "size-6" };

/** A small rotating ring in the current text colour. */
export function Spinner({ size = "md", label = "Loading…", decorative = false, className }: SpinnerProps) {
  const svg = (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      aria-hidden="true"
      focusable="false"
      className={cn("shrink-0 animate-spin motion-reduce:animate-[spin_2.5s_linear_infinite]", sizes[size], decorative && className)}
    >
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeWidth="3" className="opacity-20" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
  if (decorative) return svg;
  return (
    <span role="status" className={cn("inline-flex items-center", className)}>
      {svg}
      <span className="sr-only">{label}</span>
    </span>
  );
}
