"use client";

import { useEffect, useRef, useState } from "react";
import { type ButtonSize, type ButtonVariant, buttonClasses } from "./button";
import { cn } from "./cn";
import { CheckIcon, CopyIcon } from "./icons";

export type CopyButtonProps = {
  /** The text put on the clipboard. */
  value: string;
  /** Visible text (or, with iconOnly, the accessible name). Default "Copy". */
  label?: string;
  /** Shown and announced after a successful copy. Default "Copied". */
  copiedLabel?: string;
  /** Show only the icon; `label` becomes the aria-label (e.g. "Copy endpoint URL"). */
  iconOnly?: boolean;
  /** Fuller accessible name when several copy buttons share a page, e.g. "Copy SCIM endpoint". Should start with `label`. */
  accessibleLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  onCopied?: () => void;
};

type CopyState = "idle" | "copied" | "failed";

async function writeToClipboard(text: string): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback for non-secure contexts (plain http on a LAN address): a hidden textarea and execCommand.
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.appendChild(textarea);
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  textarea.select();
  try {
    const ok = document.execCommand("copy");
    if (!ok) throw new Error("Copy command was refused");
  } finally {
    textarea.remove();
    previous?.focus();
  }
}

/** Copies `value` to the clipboard and announces "Copied" through a polite live region. */
export function CopyButton({
  value,
  label = "Copy",
  copiedLabel = "Copied",
  iconOnly = false,
  accessibleLabel,
  variant = "secondary",
  size = "sm",
  className,
  onCopied,
}: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function handleClick() {
    clearTimeout(timer.current);
    let next: CopyState;
    try {
      await writeToClipboard(value);
      next = "copied";
    } catch {
      next = "failed";
    }
    setState(next);
    if (next === "copied") onCopied?.();
    timer.current = setTimeout(() => setState("idle"), next === "failed" ? 5000 : 2000);
  }

  const announcement =
    state === "copied" ? copiedLabel : state === "failed" ? "Couldn't copy. Select the text and copy it manually." : "";
  const shownLabel = state === "copied" ? copiedLabel : state === "failed" ? "Couldn't copy" : label;

  return (
    <>
      <button
        type="button"
        onClick={handleClick}
        aria-label={accessibleLabel ?? (iconOnly ? label : undefined)}
        title={iconOnly ? label : undefined}
        className={cn(buttonClasses({ variant, size }), iconOnly && (size === "sm" ? "w-8 px-0" : "w-9 px-0"), className)}
      >
        {state === "copied" ? <CheckIcon className="text-success-600" /> : <CopyIcon />}
        {iconOnly ? null : <span>{shownLabel}</span>}
      </button>
      <span aria-live="polite" role="status" className="sr-only">
        {announcement}
      </span>
    </>
  );
}
