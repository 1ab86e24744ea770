import { type ComponentProps } from "react";
import { cn } from "./cn";

export type CodeBlockProps = Omit<ComponentProps<"pre">, "children"> & {
  /** The text shown as is (JSON, a command…). */
  code: string;
  /** Names the scrollable region for screen readers and keyboard users, e.g. "Request body". */
  label: string;
  /** Caps the height; the block scrolls beyond it. */
  maxHeightClassName?: string;
};

/** Preformatted text in a bordered box that scrolls (and can be scrolled from the keyboard: it is focusable). */
export function CodeBlock({ code, label, maxHeightClassName = "max-h-96", className, ...props }: CodeBlockProps) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className={cn(
        "overflow-auto rounded-md border border-line bg-surface-muted px-3 py-2.5 font-mono text-[0.8125rem] leading-relaxed whitespace-pre text-fg",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
        maxHeightClassName,
        className,
      )}
      {...props}
    >
      {code}
    </pre>
  );
}
