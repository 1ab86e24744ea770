import { type ComponentProps, type ReactNode } from "react";
import { cn } from "./cn";
import { AlertIcon, CheckCircleIcon, InfoIcon, XCircleIcon } from "./icons";

export type AlertTone = "info" | "success" | "warning" | "danger";

export type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: AlertTone;
  title?: ReactNode;
  /** Replaces the tone's default icon; pass null for none. */
  icon?: ReactNode;
  /** Buttons or links under the text. */
  actions?: ReactNode;
};

const tones: Record<AlertTone, { box: string; icon: string; title: string; body: string; Icon: typeof InfoIcon }> = {
  info: { box: "border-info-200 bg-info-50", icon: "text-info-600", title: "text-info-800", body: "text-info-700", Icon: InfoIcon },
  success: {
    box: "border-success-200 bg-success-50",
    icon: "text-success-600",
    title: "text-success-800",
    body: "text-success-700",
    Icon: CheckCircleIcon,
  },
  warning: {
    box: "border-warning-200 bg-warning-50",
    icon: "text-warning-600",
    title: "text-warning-800",
    body: "text-warning-800",
    Icon: AlertIcon,
  },
  danger: {
    box: "border-danger-200 bg-danger-50",
    icon: "text-danger-600",
    title: "text-danger-800",
    body: "text-danger-700",
    Icon: XCircleIcon,
  },
};

/**
 * A message box. Danger and warning use role="alert" (announced at once); info and success use role="status".
 * Override with `role` if needed.
 */
export function Alert({ tone = "info", title, icon, actions, className, children, ...props }: AlertProps) {
  const t = tones[tone];
  const role = tone === "danger" || tone === "warning" ? "alert" : "status";
  return (
    <div role={role} className={cn("flex gap-3 rounded-lg border px-4 py-3", t.box, className)} {...props}>
      {icon === undefined ? <t.Icon className={cn("mt-0.5 size-4.5", t.icon)} /> : icon}
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className={cn("text-sm font-semibold", t.title)}>{title}</p> : null}
        {children ? <div className={cn("text-sm [&_a]:font-medium [&_a]:underline", t.body)}>{children}</div> : null}
        {actions ? <div className="flex flex-wrap items-center gap-2 pt-2">{actions}</div> : null}
      </div>
    </div>
  );
}
