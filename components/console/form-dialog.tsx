"use client";

import { type ReactNode, useId, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/app/(console)/run-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type FormDialogField =
  | { kind: "text"; name: string; label: string; description?: ReactNode; defaultValue?: string; required?: boolean; maxLength?: number; placeholder?: string }
  | { kind: "select"; name: string; label: string; description?: ReactNode; defaultValue?: string; required?: boolean; options: { value: string; label: string }[]; placeholder?: string };

export type FormDialogProps<T> = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  fields: FormDialogField[];
  submitLabel: string;
  /** What failed, as the alert's title: "The organization was not created". */
  failureTitle: string;
  /** Runs the server action with the field values (by name). */
  onSubmit: (values: Record<string, string>) => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
  /** Extra content under the fields. */
  children?: ReactNode;
};

/** A dialog with a few text or select fields that submits them to one server action and shows its refusal. */
export function FormDialog<T>({ open, onClose, title, description, fields, submitLabel, failureTitle, onSubmit, onDone, children }: FormDialogProps<T>) {
  const formId = useId();
  const firstRef = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  function close() {
    setError(null);
    setFieldErrors({});
    onClose();
  }

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const values: Record<string, string> = {};
    for (const field of fields) {
      const value = data.get(field.name);
      values[field.name] = typeof value === "string" ? value : "";
    }
    setError(null);
    setFieldErrors({});
    startTransition(async () => {
      let result: ActionResult<T>;
      try {
        result = await onSubmit(values);
      } catch {
        result = { ok: false, error: "The portal could not be reached. Check your connection and try again." };
      }
      if (result.ok) {
        onDone(result.data);
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    });
  }

  const unplacedError = error !== null && !fields.some((f) => fieldErrors[f.name] !== undefined);

  return (
    <Dialog
      open={open}
      onClose={close}
      dismissible={!pending}
      size="md"
      title={title}
      description={description}
      initialFocusRef={firstRef}
      footer={
        <>
          <Button type="button" variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} loading={pending}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit(event.currentTarget);
        }}
      >
        {unplacedError ? (
          <Alert tone="danger" title={failureTitle}>
            {error}
          </Alert>
        ) : null}
        {fields.map((field, index) => (
          <Field key={field.name} label={field.label} description={field.description} error={fieldErrors[field.name]} required={field.required}>
            {(control) =>
              field.kind === "text" ? (
                <Input
                  {...control}
                  ref={index === 0 ? firstRef : undefined}
                  name={field.name}
                  defaultValue={field.defaultValue}
                  maxLength={field.maxLength}
                  placeholder={field.placeholder}
                  autoComplete="off"
                />
              ) : (
                <Select {...control} ref={index === 0 ? firstRef : undefined} name={field.name} defaultValue={field.defaultValue} placeholder={field.placeholder}>
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              )
            }
          </Field>
        ))}
        {children}
      </form>
    </Dialog>
  );
}
