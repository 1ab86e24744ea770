import { type ComponentProps } from "react";
import { cn } from "./cn";

export type SwitchProps = Omit<ComponentProps<"button">, "role" | "aria-checked" | "children" | "value"> & {
  /** Controlled state. */
  checked: boolean;
  /** Accessible name when no visible <label htmlFor> or aria-labelledby points at the switch. */
  label?: string;
  size?: "sm" | "md";
};

/**
 * An on/off switch (role="switch", a native <button>, so Space and Enter toggle it).
 * Controlled: handle onClick in a client component (e.g. open a confirmation, then flip `checked`).
 */
export function Switch({ checked, label, size = "md", className, disabled, type = "button", ...props }: SwitchProps) {
  return (
    <button
      type={type}
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      {...props}
      className={cn(
        "relative inline-flex shrink-0 cursor-pointer items-center rounded-full border-2 border-transparent transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
        "disabled:cursor-not-allowed disabled:opacity-55",
        checked ? "bg-brand-600" : "bg-line-strong",
        size === "md" ? "h-6 w-11" : "h-5 w-9",
        className,
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          "pointer-events-none inline-block rounded-full bg-white shadow-sm ring-0 transition-transform",
          size === "md" ? "size-5" : "size-4",
          checked ? (size === "md" ? "translate-x-5" : "translate-x-4") : "translate-x-0",
        )}
      />
    </button>
  );
}
