"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Spinner } from "@/components/ui/spinner";
import type { ProvisioningJobProgress, ProvisioningState } from "./types";
import { timeLeft } from "./format";

export const PROGRESS_QUERY_KEY = ["provisioning", "job-progress"] as const;

interface ProgressSnapshot {
  progress: ProvisioningJobProgress | null;
  /** The account's provisioning state: a FAILED attempt while still ENABLING / RESETTING is retried. */
  state: ProvisioningState | null;
}

async function fetchProgress(): Promise<ProgressSnapshot> {
  const response = await fetch("/api/admin/provisioning/progress", { cache: "no-store", headers: { Accept: "application/json" } });
  const body = (await response.json().catch(() => null)) as (Partial<ProgressSnapshot> & { error?: string }) | null;
  if (!response.ok) throw new Error(body?.error ?? "Progress could not be loaded.");
  return { progress: body?.progress ?? null, state: body?.state ?? null };
}

const stillRunning = (state: ProvisioningState | null) => state === "ENABLING" || state === "RESETTING";

function isFinished(snapshot: ProgressSnapshot | null | undefined): boolean {
  const status = snapshot?.progress?.status;
  return status === "SUCCEEDED" || (status === "FAILED" && !stillRunning(snapshot?.state ?? null));
}

/**
 * Live progress of the enable or reset job: polls once a second until the job has finished, then reports the
 * outcome once through `onFinished`.
 */
export function JobProgress({
  kind,
  jobRunId,
  onFinished,
}: {
  kind: "enable" | "reset";
  /** The job just started from this page, when known: other runs are ignored. */
  jobRunId: string | null;
  onFinished: (progress: ProvisioningJobProgress) => void;
}) {
  const query = useQuery({
    queryKey: [...PROGRESS_QUERY_KEY, jobRunId],
    queryFn: async () => {
      const latest = await fetchProgress();
      return latest.progress && jobRunId !== null && latest.progress.id !== jobRunId ? { progress: null, state: latest.state } : latest;
    },
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 1000),
    refetchIntervalInBackground: true,
    retry: 3,
    gcTime: 0,
  });
  const reported = useRef<string | null>(null);
  const snapshot = query.data;
  const progress = snapshot?.progress ?? null;
  const finished = isFinished(snapshot);

  useEffect(() => {
    if (progress && finished && reported.current !== progress.id) {
      reported.current = progress.id;
      onFinished(progress);
    }
  }, [progress, finished, onFinished]);

  const label = kind === "enable" ? "Turning on provisioning" : "Turning off provisioning";
  const total = progress?.total ?? 0;
  const done = progress?.done ?? 0;
  const percent = Math.min(100, Math.max(0, Math.round(progress?.percent ?? (total > 0 ? (done / total) * 100 : 0))));
  // The enable job goes through users; the reset job through every record it removes or hands back.
  const counts = `${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} ${kind === "enable" ? "users" : "records"}`;
  const queued = !progress || progress.status === "QUEUED";

  return (
    <div className="space-y-3 rounded-lg border border-brand-200 bg-brand-50/60 p-4">
      <div className="flex items-center justify-between gap-3">
        <p className="flex items-center gap-2 text-sm font-semibold text-fg">
          <Spinner decorative size="md" className="text-brand-600" />
          {label}
        </p>
        <p className="text-sm font-medium text-fg tabular-nums" aria-hidden="true">
          {percent}%
        </p>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={queued ? "Starting" : `${percent}%: ${counts}`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-line"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500 ease-out" style={{ width: `${percent}%` }} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 text-[0.8125rem] text-fg-muted" aria-live="polite">
        <span className="tabular-nums">{queued ? "Starting…" : counts}</span>
        <span>{queued ? "" : timeLeft(progress?.etaSeconds)}</span>
      </div>
      {progress?.error && !finished ? (
        <Alert tone="warning" title="An attempt failed and is being retried">
          {progress.error}
        </Alert>
      ) : null}
      {query.isError ? (
        <Alert tone="warning" title="Progress is not updating">
          {query.error.message} The job keeps running on the server; this page tries again.
        </Alert>
      ) : null}
      <p className="text-[0.8125rem] text-fg-muted">
        {kind === "enable"
          ? "Single sign-on users are being brought under SCIM management so that your identity provider finds them instead of creating duplicates."
          : "Directory data is being removed and users handed back to single sign-on; tokens no longer work."}{" "}
        You can leave this page: the job keeps running on the server.
      </p>
    </div>
  );
}
