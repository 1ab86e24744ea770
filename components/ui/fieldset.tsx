import { type ComponentProps, type ReactNode, useId } from "react";
import { cn } from "./cn";

export type FieldsetProps = Omit<ComponentProps<"fieldset">, "children"> & {
  legend: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  hideLegend?: boolean;
  children: ReactNode;
};

/** Groups related checkboxes or radios under a legend (with optional description and error). */
export function Fieldset({ legend, description, error, hideLegend = false, className, children, ...props }: FieldsetProps) {
  const id = useId();
  const descriptionId = `fieldset${id}-description`;
  const errorId = `fieldset${id}-error`;
  const hasDescription = description !== undefined && description !== null && description !== false;
  const hasError = error !== undefined && error !== null && error !== false && error !== "";
  const describedBy = [hasDescription ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ");
  return (
    <fieldset
      aria-describedby={describedBy || undefined}
      aria-invalid={hasError || undefined}
      className={cn("min-w-0 space-y-3", className)}
      {...props}
    >
      <legend className={cn("text-sm font-medium text-fg", hideLegend && "sr-only")}>{legend}</legend>
      {hasDescription ? (
        <p id={descriptionId} className="-mt-2 text-[0.8125rem] text-fg-subtle">
          {description}
        </p>
      ) : null}
      <div className="space-y-3">{children}</div>
      {hasError ? (
        <p id={errorId} className="text-[0.8125rem] font-medium text-danger-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
