"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/app/(console)/admin/federation/provisioning/actions/result";

/**
 * Runs a server action inside a transition: `pending` stays true until the action has finished and the page has
 * re-rendered with what it changed; `error` holds the readable message of a refusal.
 */
export function useServerAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const run = useCallback(
    (input: I) =>
      new Promise<ActionResult<T>>((resolve) => {
        setError(null);
        setFieldErrors({});
        startTransition(async () => {
          let result: ActionResult<T>;
          try {
            result = await action(input);
          } catch {
            // The request itself failed (network, server restart): nothing readable came back.
            result = { ok: false, error: "The portal could not be reached. Check your connection and try again." };
          }
          if (!result.ok) {
            setError(result.error);
            setFieldErrors(result.fieldErrors ?? {});
          }
          resolve(result);
        });
      }),
    [action],
  );

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { run, pending, error, fieldErrors, reset };
}
