import { type ComponentProps } from "react";
import { cn } from "./cn";

/** Shared look of text inputs, textareas and selects. Invalid state comes from aria-invalid="true". */
export const controlClasses =
  "block w-full rounded-md border border-line-strong bg-surface px-3 text-sm text-fg shadow-xs " +
  "placeholder:text-fg-subtle transition-[border-color,box-shadow] " +
  "focus:border-brand-500 focus:ring-3 focus:ring-brand-500/20 focus:outline-hidden " +
  "aria-invalid:border-danger-500 aria-invalid:focus:border-danger-500 aria-invalid:focus:ring-danger-500/20 " +
  "disabled:cursor-not-allowed disabled:bg-surface-muted disabled:text-fg-subtle " +
  "[&[readonly]]:bg-surface-muted";

export type InputProps = ComponentProps<"input">;

/** A native text-like <input> (text, email, url, password, search, number, date...). Use inside <Field>. */
export function Input({ className, type = "text", ...props }: InputProps) {
  return <input type={type} {...props} className={cn(controlClasses, "h-9", className)} />;
}
