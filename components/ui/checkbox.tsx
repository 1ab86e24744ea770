import { type ComponentProps, type ReactNode, useId } from "react";
import { cn } from "./cn";

export type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  label: ReactNode;
  description?: ReactNode;
};

const boxClasses =
  "mt-0.5 size-4 shrink-0 cursor-pointer rounded border-line-strong accent-brand-600 " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus " +
  "disabled:cursor-not-allowed";

/** A native checkbox with its label (and optional description) to the right. */
export function Checkbox(props: CheckboxProps) {
  return <Choice type="checkbox" {...props} />;
}

export type RadioProps = Omit<ComponentProps<"input">, "type"> & {
  label: ReactNode;
  description?: ReactNode;
};

/** A native radio button with its label and description. Group radios by `name` inside a <Fieldset>. */
export function Radio(props: RadioProps) {
  return <Choice type="radio" {...props} />;
}

function Choice({
  type,
  label,
  description,
  id,
  className,
  disabled,
  "aria-describedby": ariaDescribedBy,
  ...props
}: Omit<ComponentProps<"input">, "type"> & { type: "checkbox" | "radio"; label: ReactNode; description?: ReactNode }) {
  const generated = useId();
  const inputId = id ?? `choice${generated}`;
  const descriptionId = `${inputId}-description`;
  const hasDescription = description !== undefined && description !== null && description !== false;
  const describedBy = [ariaDescribedBy, hasDescription ? descriptionId : undefined].filter(Boolean).join(" ");
  return (
    <div className={cn("flex items-start gap-2.5", disabled && "opacity-60", className)}>
      <input
        type={type}
        id={inputId}
        disabled={disabled}
        aria-describedby={describedBy || undefined}
        className={cn(boxClasses, type === "radio" && "rounded-full")}
        {...props}
      />
      <div className="min-w-0">
        <label
          htmlFor={inputId}
          className={cn("block text-sm font-medium text-fg", disabled ? "cursor-not-allowed" : "cursor-pointer")}
        >
          {label}
        </label>
        {hasDescription ? (
          <p id={descriptionId} className="text-[0.8125rem] text-fg-subtle">
            {description}
          </p>
        ) : null}
      </div>
    </div>
  );
}
