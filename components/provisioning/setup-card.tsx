"use client";

import { useState } from "react";
import { deleteSetupAction, previewSetupAction, saveSetupAction, type SetupRuleInput } from "@/app/(console)/admin/federation/provisioning/actions/setup";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardFooter, CardHeader } from "@/components/ui/card";
import { Radio } from "@/components/ui/checkbox";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Fieldset } from "@/components/ui/fieldset";
import type { AccessPreview } from "@/lib/provisioning/access-preview";
import type { ReconcileSummary } from "@/lib/provisioning/reconcile";
import { AccessPreviewView } from "./access-preview";
import { count } from "./format";
import { GroupPicker, type PickedGroup } from "./group-picker";
import type { ProvisioningScope, ProvisioningState } from "./types";
import { useServerAction } from "./use-action";

type Mode = ProvisioningScope;

function ruleOf(mode: Mode, groups: PickedGroup[]): SetupRuleInput {
  return mode === "GROUPS" ? { mode, groupIds: groups.map((g) => g.id).sort() } : { mode };
}

function summaryText(summary: ReconcileSummary | null): string {
  if (summary === null) return "It applies when you resume provisioning.";
  const parts = [
    summary.created ? `${count(summary.created, "user")} created` : null,
    summary.takenOver ? `${count(summary.takenOver, "existing user")} linked` : null,
    summary.reactivated ? `${count(summary.reactivated, "user")} reactivated` : null,
    summary.deactivated ? `${count(summary.deactivated, "user")} deactivated` : null,
    summary.updated ? `${count(summary.updated, "user")} updated` : null,
  ].filter(Boolean);
  return parts.length ? `Applied: ${parts.join(", ")}.` : "Nobody's access changed.";
}

/** Who gets provisioned: Not restricted, or members (also through nested groups) of chosen IdP groups. */
export function SetupCard({
  state,
  version,
  scope,
  groups,
  directoryGroupCount,
}: {
  state: ProvisioningState;
  version: number;
  scope: ProvisioningScope | null;
  groups: PickedGroup[];
  directoryGroupCount: number;
}) {
  const [editing, setEditing] = useState(scope === null);
  const [mode, setMode] = useState<Mode>(scope ?? "NOT_RESTRICTED");
  const [picked, setPicked] = useState<PickedGroup[]>(groups);
  const [preview, setPreview] = useState<{ key: string; data: AccessPreview } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const previewAction = useServerAction(previewSetupAction);
  const save = useServerAction(saveSetupAction);
  const remove = useServerAction(deleteSetupAction);

  const rule = ruleOf(mode, picked);
  const ruleKey = JSON.stringify(rule);
  const previewIsCurrent = preview?.key === ruleKey;
  const showForm = editing || scope === null;
  const invalid = mode === "GROUPS" && picked.length === 0;

  function startEditing() {
    setMode(scope ?? "NOT_RESTRICTED");
    setPicked(groups);
    setPreview(null);
    setSaved(null);
    previewAction.reset();
    save.reset();
    setEditing(true);
  }

  async function runPreview() {
    setSaved(null);
    const result = await previewAction.run({ rule });
    if (result.ok) setPreview({ key: ruleKey, data: result.data });
  }

  async function runSave() {
    const result = await save.run({ rule, expectedVersion: version });
    if (result.ok) {
      setSaved(`Provisioning setup saved. ${summaryText(result.data)}`);
      setPreview(null);
      setEditing(false);
    }
  }

  async function runDelete() {
    const result = await remove.run({ expectedVersion: version });
    if (result.ok) {
      setConfirmDelete(false);
      setSaved(null);
      setPreview(null);
      setMode("NOT_RESTRICTED");
      setPicked([]);
      setEditing(true);
    }
  }

  return (
    <Card aria-labelledby="provisioning-setup-title">
      <CardHeader
        titleId="provisioning-setup-title"
        title="Provisioning setup"
        description="Choose who your identity provider gives access to the portal."
        actions={
          scope !== null && !showForm ? (
            <>
              <Button type="button" variant="secondary" size="sm" onClick={startEditing}>
                Edit setup
              </Button>
              <Button type="button" variant="ghost" size="sm" onClick={() => setConfirmDelete(true)}>
                Delete setup
              </Button>
            </>
          ) : null
        }
      />
      <CardBody className="space-y-4">
        {saved ? <Alert tone="success">{saved}</Alert> : null}
        {!showForm && scope !== null ? (
          <div className="space-y-2 text-sm">
            {scope === "NOT_RESTRICTED" ? (
              <>
                <p className="font-medium text-fg">Not restricted</p>
                <p className="text-fg-muted">Everyone your identity provider sends gets a portal account.</p>
              </>
            ) : (
              <>
                <p className="font-medium text-fg">Restricted by group membership</p>
                <p className="text-fg-muted">Only members of these groups, directly or through nested groups, get a portal account:</p>
                <ul aria-label="Provisioned groups" className="flex flex-wrap gap-2">
                  {groups.map((g) => (
                    <li key={g.id} className="rounded-md bg-surface-hover px-2 py-0.5 text-[0.8125rem] font-medium text-fg ring-1 ring-line-strong/70 ring-inset">
                      {g.displayName}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : (
          <>
            {scope === null ? (
              <Alert tone="info" title="Provisioning waits for a setup">
                {state === "ENABLED"
                  ? "Your identity provider can already send users and groups; we keep what it sends and apply it as soon as you save a setup."
                  : "Choose who gets provisioned."}
              </Alert>
            ) : null}
            <Fieldset legend="Who gets provisioned">
              <Radio
                name="provisioning-mode"
                value="NOT_RESTRICTED"
                label="Not restricted"
                description="Every user your identity provider sends gets a portal account."
                checked={mode === "NOT_RESTRICTED"}
                onChange={() => setMode("NOT_RESTRICTED")}
              />
              <Radio
                name="provisioning-mode"
                value="GROUPS"
                label="Restrict by group membership"
                description="Only members of the groups you choose, directly or through nested groups, get a portal account."
                checked={mode === "GROUPS"}
                onChange={() => setMode("GROUPS")}
              />
            </Fieldset>
            {mode === "GROUPS" ? (
              <div className="border-l-2 border-brand-200 pl-4">
                <GroupPicker selected={picked} onChange={setPicked} directoryGroupCount={directoryGroupCount} />
              </div>
            ) : null}
            {previewAction.error ? <Alert tone="danger">{previewAction.error}</Alert> : null}
            {save.error ? (
              <Alert tone="danger" title="The setup was not saved">
                {save.error}
              </Alert>
            ) : null}
            {previewIsCurrent && preview ? (
              <div className="space-y-2">
                <h3 className="text-sm font-semibold text-fg">If you save this setup</h3>
                <AccessPreviewView preview={preview.data} label="Preview of the setup change" />
                {state === "PAUSED" ? <p className="text-[0.8125rem] text-fg-muted">Provisioning is paused: nothing changes until you resume.</p> : null}
                {preview.data.lose.count > 0 ? (
                  <p className="text-[0.8125rem] text-fg-muted">People who lose access are deactivated and signed out. Their accounts are kept.</p>
                ) : null}
              </div>
            ) : null}
          </>
        )}
      </CardBody>
      {showForm ? (
        <CardFooter>
          {scope !== null ? (
            <Button type="button" variant="ghost" onClick={() => setEditing(false)} disabled={save.pending}>
              Cancel
            </Button>
          ) : null}
          <Button type="button" variant="secondary" onClick={() => void runPreview()} loading={previewAction.pending} disabled={invalid || save.pending}>
            Preview changes
          </Button>
          <Button
            type="button"
            onClick={() => void runSave()}
            loading={save.pending}
            disabled={!previewIsCurrent || invalid}
            aria-describedby={!previewIsCurrent ? "setup-save-hint" : undefined}
          >
            Save setup
          </Button>
          {!previewIsCurrent ? (
            <p id="setup-save-hint" className="sr-only">
              Preview the changes first.
            </p>
          ) : null}
        </CardFooter>
      ) : null}

      <ConfirmDialog
        open={confirmDelete}
        onClose={() => {
          remove.reset();
          setConfirmDelete(false);
        }}
        onConfirm={() => void runDelete()}
        loading={remove.pending}
        tone="danger"
        title="Delete the provisioning setup?"
        description="Provisioning stops applying changes until you save a new setup."
        confirmLabel="Delete setup"
      >
        <ul className="list-disc space-y-1.5 pl-5 text-fg-muted">
          <li>Nobody loses access now: portal accounts stay as they are.</li>
          <li>What your identity provider sends meanwhile is kept and applied when you save a new setup.</li>
          <li>Tokens and the endpoint keep working.</li>
        </ul>
        {remove.error ? <Alert tone="danger" className="mt-3">{remove.error}</Alert> : null}
      </ConfirmDialog>
    </Card>
  );
}
