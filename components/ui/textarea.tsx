import { type ComponentProps } from "react";
import { cn } from "./cn";
import { controlClasses } from "./input";

export type TextareaProps = ComponentProps<"textarea">;

/** A native <textarea>, vertically resizable. Use inside <Field>. */
export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return <textarea rows={rows} {...props} className={cn(controlClasses, "min-h-20 resize-y py-2", className)} />;
}
