import { type ReactNode, useId } from "react";
import { cn } from "./cn";
import { CopyButton } from "./copy-button";

export type CopyFieldProps = {
  label: ReactNode;
  value: string;
  description?: ReactNode;
  /** Accessible name of the copy button. Default "Copy <label>" when the label is a string. */
  copyLabel?: string;
  hideLabel?: boolean;
  className?: string;
};

/** A read-only, monospace value (endpoint URL, token secret) with a copy button beside it. */
export function CopyField({ label, value, description, copyLabel, hideLabel = false, className }: CopyFieldProps) {
  const id = useId();
  const inputId = `copy${id}`;
  const descriptionId = `${inputId}-description`;
  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={inputId} className={cn("block text-sm font-medium text-fg", hideLabel && "sr-only")}>
        {label}
      </label>
      {description ? (
        <p id={descriptionId} className="text-[0.8125rem] text-fg-subtle">
          {description}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        <input
          id={inputId}
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={description ? descriptionId : undefined}
          className="block h-9 min-w-0 flex-1 rounded-md border border-line-strong bg-surface-muted px-3 font-mono text-[0.8125rem] text-fg shadow-xs focus:border-brand-500 focus:ring-3 focus:ring-brand-500/20 focus:outline-hidden"
        />
        <CopyButton
          value={value}
          size="md"
          accessibleLabel={copyLabel ?? (typeof label === "string" ? `Copy ${label}` : undefined)}
        />
      </div>
    </div>
  );
}
