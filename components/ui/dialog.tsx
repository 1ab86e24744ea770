"use client";

import { type MouseEvent, type ReactNode, type RefObject, useEffect, useId, useRef } from "react";
import { Button, type ButtonProps } from "./button";
import { cn } from "./cn";
import { XIcon } from "./icons";

export type DialogSize = "sm" | "md" | "lg";

export type DialogProps = {
  /** Controlled: true shows the dialog as a modal (showModal()). */
  open: boolean;
  /** Called when the user dismisses it (Escape, backdrop click, close button) — set `open` to false here. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned at the bottom. */
  footer?: ReactNode;
  /** false blocks Escape, backdrop click and the close button (e.g. while a request runs). Default true. */
  dismissible?: boolean;
  /** Show the × button in the corner. Default true. */
  showCloseButton?: boolean;
  size?: DialogSize;
  /** Element to focus when the dialog opens; otherwise the first focusable element. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  className?: string;
};

const sizes: Record<DialogSize, string> = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" };

/**
 * A modal dialog on the native <dialog> element: focus is trapped by the browser, Escape closes it,
 * focus returns to the element that opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  dismissible = true,
  showCloseButton = true,
  size = "sm",
  initialFocusRef,
  className,
}: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openRef = useRef(open);
  const dismissibleRef = useRef(dismissible);
  const onCloseRef = useRef(onClose);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const pointerDownOnBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    dismissibleRef.current = dismissible;
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    openRef.current = open;
    if (open && !dialog.open) {
      returnFocusRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      initialFocusRef?.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocusRef]);

  function handleClose() {
    // Fired by the browser after close(), whether we or the user (Escape) closed it.
    const target = returnFocusRef.current;
    returnFocusRef.current = null;
    if (target?.isConnected) target.focus();
    if (openRef.current) {
      openRef.current = false;
      onCloseRef.current();
    }
  }

  function requestClose() {
    if (dismissibleRef.current) dialogRef.current?.close();
  }

  function handleBackdropPointerDown(event: MouseEvent<HTMLDialogElement>) {
    pointerDownOnBackdrop.current = event.target === event.currentTarget;
  }

  function handleBackdropClick(event: MouseEvent<HTMLDialogElement>) {
    // The dialog has no padding, so a click whose target is the <dialog> itself landed on the backdrop.
    if (pointerDownOnBackdrop.current && event.target === event.currentTarget) requestClose();
    pointerDownOnBackdrop.current = false;
  }

  const hasDescription = description !== undefined && description !== null && description !== false;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={hasDescription ? descriptionId : undefined}
      onCancel={(event) => {
        if (!dismissibleRef.current) event.preventDefault();
      }}
      onClose={handleClose}
      onMouseDown={handleBackdropPointerDown}
      onClick={handleBackdropClick}
      className={cn(
        "m-auto w-[calc(100%-2rem)] max-h-[calc(100dvh-4rem)] overflow-hidden rounded-lg border border-line bg-surface p-0 text-fg shadow-overlay",
        sizes[size],
        className,
      )}
    >
      {/* Rendered only while open, so form state inside resets each time. */}
      {open ? (
        <div className="flex max-h-[calc(100dvh-4rem)] flex-col">
          <div className="flex items-start gap-4 px-5 pt-5">
            <div className="min-w-0 flex-1 space-y-1.5">
              <h2 id={titleId} className="text-base font-semibold text-fg">
                {title}
              </h2>
              {hasDescription ? (
                <div id={descriptionId} className="text-sm text-fg-muted">
                  {description}
                </div>
              ) : null}
            </div>
            {showCloseButton ? (
              <button
                type="button"
                onClick={requestClose}
                disabled={!dismissible}
                aria-label="Close"
                className="-mt-1 -mr-1 rounded-md p-1 text-fg-subtle transition-colors hover:bg-surface-hover hover:text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus disabled:opacity-50"
              >
                <XIcon className="size-4.5" />
              </button>
            ) : null}
          </div>
          {children ? <div className="min-h-0 overflow-y-auto px-5 pt-4 text-sm">{children}</div> : null}
          {footer ? (
            <div className="mt-5 flex flex-wrap items-center justify-end gap-2 border-t border-line bg-surface-muted px-5 py-3">
              {footer}
            </div>
          ) : (
            <div className="pb-5" />
          )}
        </div>
      ) : null}
    </dialog>
  );
}

export type ConfirmDialogProps = {
  open: boolean;
  /** Cancel, Escape or backdrop click. */
  onClose: () => void;
  /** Confirm clicked. Not needed if `confirmProps` makes the button submit a form. */
  onConfirm?: () => void;
  title: ReactNode;
  /** What will happen, in plain words. */
  description?: ReactNode;
  /** Extra content: a list of consequences, a dry-run preview, a "type the name to confirm" field. */
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** "danger" makes the confirm button red and focuses Cancel first. */
  tone?: "default" | "danger";
  /** Shows a spinner on the confirm button and blocks dismissing. */
  loading?: boolean;
  confirmDisabled?: boolean;
  /** Extra props for the confirm button, e.g. { type: "submit", form: "turn-off-form" }. */
  confirmProps?: Omit<ButtonProps, "children" | "variant" | "loading" | "onClick">;
  size?: DialogSize;
};

/** "Are you sure?" with Cancel and Confirm buttons. Cancel gets focus for dangerous actions. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  children,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  tone = "default",
  loading = false,
  confirmDisabled = false,
  confirmProps,
  size = "sm",
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      dismissible={!loading}
      showCloseButton={false}
      size={size}
      initialFocusRef={tone === "danger" ? cancelRef : confirmRef}
      footer={
        <>
          <Button ref={cancelRef} type="button" variant="secondary" onClick={onClose} disabled={loading}>
            {cancelLabel}
          </Button>
          <Button
            ref={confirmRef}
            type="button"
            {...confirmProps}
            variant={tone === "danger" ? "danger" : "primary"}
            loading={loading}
            disabled={confirmDisabled || confirmProps?.disabled === true}
            onClick={onConfirm}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
