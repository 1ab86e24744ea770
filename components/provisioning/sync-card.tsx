"use client";

import { useState } from "react";
import { pauseAction, previewResumeAction, resumeAction } from "@/app/(console)/admin/federation/provisioning/actions/pause-resume";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import type { AccessPreview } from "@/lib/provisioning/access-preview";
import { formatDateTime } from "@/lib/format";
import { AccessPreviewView } from "./access-preview";
import { count } from "./format";
import type { ProvisioningState } from "./types";
import { useServerAction } from "./use-action";

export const ADMINISTRATOR_PAUSE = "administrator";

/** Pause and resume syncing, with what is held meanwhile and (on resume) what applying it will change. */
export function SyncCard({
  state,
  version,
  held,
  pauseReason,
  pausedAt,
}: {
  state: ProvisioningState;
  version: number;
  held: { changes: number; users: number };
  pauseReason: string | null;
  pausedAt: Date | null;
}) {
  const pause = useServerAction(pauseAction);
  const resume = useServerAction(resumeAction);
  const loadPreview = useServerAction(previewResumeAction);
  const [resumeOpen, setResumeOpen] = useState(false);
  const [preview, setPreview] = useState<AccessPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const autoPaused = state === "PAUSED" && pauseReason !== null && pauseReason !== ADMINISTRATOR_PAUSE;

  async function openResume() {
    setMessage(null);
    setPreview(null);
    resume.reset();
    setResumeOpen(true);
    const result = await loadPreview.run(undefined);
    if (result.ok) setPreview(result.data);
  }

  async function confirmResume() {
    const result = await resume.run({ expectedVersion: version });
    if (result.ok) {
      const s = result.data;
      const parts = [
        s.created ? `${count(s.created, "user")} created` : null,
        s.takenOver ? `${count(s.takenOver, "existing user")} linked` : null,
        s.reactivated ? `${count(s.reactivated, "user")} reactivated` : null,
        s.deactivated ? `${count(s.deactivated, "user")} deactivated` : null,
        s.updated ? `${count(s.updated, "user")} updated` : null,
      ].filter(Boolean);
      setMessage(`Provisioning resumed. ${parts.length ? `Applied: ${parts.join(", ")}.` : "No user needed a change."}`);
      setResumeOpen(false);
    }
  }

  async function runPause() {
    setMessage(null);
    const result = await pause.run({ expectedVersion: version });
    if (result.ok) setMessage("Provisioning paused. Changes from your identity provider are kept until you resume.");
  }

  const heldText = held.changes === 0 ? "No changes held" : `${count(held.changes, "change")} held for ${count(held.users, "user")}`;

  return (
    <Card aria-labelledby="provisioning-sync-title">
      <CardHeader
        titleId="provisioning-sync-title"
        title="Syncing"
        description="Pausing stops changes from reaching users without losing any: the SCIM API keeps answering truthfully, and everything is applied when you resume."
        actions={
          state === "ACTIVE" ? (
            <Button type="button" variant="secondary" onClick={() => void runPause()} loading={pause.pending}>
              Pause provisioning
            </Button>
          ) : state === "PAUSED" ? (
            <Button type="button" onClick={() => void openResume()}>
              Resume provisioning
            </Button>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        {autoPaused ? (
          <Alert tone="warning" title="The safety valve paused provisioning">
            <p>{pauseReason}</p>
            <p className="mt-1">
              Check with your identity provider&apos;s administrators whether these removals are intended. Resume to apply them (you see who is affected
              first), or fix the assignments in your identity provider: changes it sends are kept meanwhile.
            </p>
          </Alert>
        ) : null}
        {message ? <Alert tone="success">{message}</Alert> : null}
        {pause.error ? <Alert tone="danger">{pause.error}</Alert> : null}
        <dl className="grid gap-4 sm:grid-cols-2">
          <div>
            <dt className="text-sm font-medium text-fg-muted">Sync</dt>
            <dd className="mt-1 text-sm text-fg">
              {state === "ACTIVE"
                ? "Changes are applied as they arrive."
                : state === "PAUSED"
                  ? `Paused${pausedAt ? ` since ${formatDateTime(pausedAt)}` : ""}${autoPaused ? " by the safety valve" : ""}.`
                  : "Waiting for a provisioning setup."}
            </dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-fg-muted">Held changes</dt>
            <dd className="mt-1 text-sm text-fg">
              {state === "ACTIVE" ? (
                "None: changes are applied as they arrive."
              ) : (
                <>
                  <span className="font-semibold tabular-nums">{heldText}</span>
                  <span className="block text-[0.8125rem] text-fg-muted">Applied when you {state === "PAUSED" ? "resume" : "save a setup"}.</span>
                </>
              )}
            </dd>
          </div>
        </dl>
      </CardBody>

      <ConfirmDialog
        open={resumeOpen}
        onClose={() => setResumeOpen(false)}
        onConfirm={() => void confirmResume()}
        loading={resume.pending}
        confirmDisabled={preview === null}
        tone={preview && preview.lose.count > 0 ? "danger" : "default"}
        size="lg"
        title="Resume provisioning?"
        description={`${held.changes === 0 ? "No changes are held" : `${count(held.changes, "held change")} for ${count(held.users, "user")} will be applied`}, in their final form, together with the current setup.`}
        confirmLabel="Apply changes and resume"
      >
        {loadPreview.pending ? (
          <Spinner label="Working out who is affected…" />
        ) : loadPreview.error ? (
          <Alert tone="danger">{loadPreview.error}</Alert>
        ) : preview ? (
          <AccessPreviewView preview={preview} label="Preview of resuming" />
        ) : null}
        {resume.error ? <Alert tone="danger" className="mt-3">{resume.error}</Alert> : null}
      </ConfirmDialog>
    </Card>
  );
}
