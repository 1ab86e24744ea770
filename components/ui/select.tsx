import { type ComponentProps } from "react";
import { cn } from "./cn";
import { ChevronDownIcon } from "./icons";
import { controlClasses } from "./input";

export type SelectProps = ComponentProps<"select"> & {
  /** Adds a first, empty option (value "") showing this text, e.g. "Choose a role…". */
  placeholder?: string;
};

/** A native <select> with a custom chevron. Pass <option> children. Use inside <Field>. */
export function Select({ className, placeholder, children, multiple, ...props }: SelectProps) {
  if (multiple) {
    return (
      <select multiple {...props} className={cn(controlClasses, "py-1.5", className)}>
        {children}
      </select>
    );
  }
  return (
    <div className={cn("relative", className)}>
      <select {...props} className={cn(controlClasses, "h-9 appearance-none pr-9")}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-fg-subtle" />
    </div>
  );
}
