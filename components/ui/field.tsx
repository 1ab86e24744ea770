import { type ReactNode, useId } from "react";
import { cn } from "./cn";

/** Props that <Field> hands to its control: spread them onto <Input>, <Textarea> or <Select>. */
export type FieldControlProps = {
  id: string;
  required?: boolean;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

export type FieldProps = {
  label: ReactNode;
  /** Help text under the label. */
  description?: ReactNode;
  /** Error message; marks the control invalid and is announced with it. */
  error?: ReactNode;
  /** Shows a "Required" marker and sets `required` on the control. */
  required?: boolean;
  /** Control id; generated when omitted. */
  id?: string;
  /** Visually hide the label (it stays available to screen readers). */
  hideLabel?: boolean;
  className?: string;
  /** Render prop: `{(control) => <Input name="email" {...control} />}`. */
  children: (control: FieldControlProps) => ReactNode;
};

/** Label + control + description + error, wired together with ids, aria-describedby and aria-invalid. */
export function Field({ label, description, error, required = false, id, hideLabel = false, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? `field${generated}`;
  const descriptionId = `${controlId}-description`;
  const errorId = `${controlId}-error`;
  const hasDescription = description !== undefined && description !== null && description !== false;
  const hasError = error !== undefined && error !== null && error !== false && error !== "";
  const describedBy = [hasDescription ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ");

  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={controlId} className={cn("block text-sm font-medium text-fg", hideLabel && "sr-only")}>
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-0.5 text-danger-600">
            *
          </span>
        ) : null}
      </label>
      {hasDescription ? (
        <p id={descriptionId} className="text-[0.8125rem] text-fg-subtle">
          {description}
        </p>
      ) : null}
      {children({
        id: controlId,
        ...(required ? { required: true } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(hasError ? { "aria-invalid": true as const } : {}),
      })}
      {hasError ? (
        <p id={errorId} className="flex items-start gap-1 text-[0.8125rem] font-medium text-danger-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
