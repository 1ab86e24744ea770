"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { enableProvisioningAction, turnOffProvisioningAction } from "@/app/(console)/admin/federation/provisioning/actions/lifecycle";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Switch } from "@/components/ui/switch";
import { count } from "./format";
import { JobProgress } from "./job-progress";
import type { ProvisioningJobProgress, ProvisioningState, TurnOffImpact } from "./types";
import { useServerAction } from "./use-action";

export const STATE_BADGE: Record<ProvisioningState, { label: string; tone: BadgeTone; description: string }> = {
  OFF: {
    label: "Off",
    tone: "neutral",
    description: "People get a portal account the first time they sign in through single sign-on.",
  },
  ENABLING: {
    label: "Turning on",
    tone: "info",
    description: "Existing users are being brought under SCIM management.",
  },
  ENABLED: {
    label: "On, waiting for setup",
    tone: "warning",
    description: "Your identity provider can connect. Choose who gets provisioned to start applying its changes.",
  },
  ACTIVE: {
    label: "Active",
    tone: "success",
    description: "Your identity provider creates, updates and deactivates users through SCIM.",
  },
  PAUSED: {
    label: "Paused",
    tone: "warning",
    description: "Your identity provider's changes are kept, but not applied until you resume.",
  },
  RESETTING: {
    label: "Turning off",
    tone: "info",
    description: "The SCIM configuration is being removed.",
  },
};

type Outcome = { tone: "success" | "danger"; title: string; body: string };

function outcomeOf(progress: ProvisioningJobProgress): Outcome {
  if (progress.kind === "enable") {
    const users = count(progress.total, "user");
    return progress.status === "SUCCEEDED"
      ? {
          tone: "success",
          title: "Provisioning is on",
          body: `${users} now managed through SCIM. Generate a token, give it with the endpoint URL to your identity provider, then choose who gets provisioned.`,
        }
      : { tone: "danger", title: "Provisioning could not be turned on", body: progress.error ?? "The job stopped with an error." };
  }
  return progress.status === "SUCCEEDED"
    ? {
        tone: "success",
        title: "Provisioning is off and fully reset",
        body: "Tokens, the setup and directory data were removed. Everyone kept their account and is managed through single sign-on again.",
      }
    : { tone: "danger", title: "Provisioning could not be turned off", body: progress.error ?? "The job stopped with an error." };
}

function ImpactList({ impact }: { impact: TurnOffImpact }) {
  return (
    <div className="space-y-3">
      <p className="font-medium text-fg">This will be removed for good:</p>
      <ul className="list-disc space-y-1 pl-5 text-fg-muted">
        <li>
          {impact.tokens === 0 ? "No tokens to revoke" : `${count(impact.tokens, "token")} revoked`}: your identity provider&apos;s requests are refused from
          then on.
        </li>
        <li>{impact.hasSetup ? "The provisioning setup (who gets provisioned)." : "No provisioning setup is saved."}</li>
        <li>
          Directory data: {count(impact.directoryUsers, "user")} and {count(impact.directoryGroups, "group")} as your identity provider sent them
          {impact.heldChanges > 0 ? `, and ${count(impact.heldChanges, "held change")} never applied` : ""}.
        </li>
        <li>
          {impact.groupRoleMappings === 0
            ? "No roles are given through identity provider groups."
            : `${count(impact.groupRoleMappings, "role given through groups", "roles given through groups")}: members lose what those groups granted them.`}
        </li>
      </ul>
      <p className="font-medium text-fg">What stays:</p>
      <ul className="list-disc space-y-1 pl-5 text-fg-muted">
        <li>
          Everyone keeps their portal account and the roles given to them directly. {count(impact.scimUsers, "user")} managed through SCIM{" "}
          {impact.scimUsers === 1 ? "goes" : "go"} back to single sign-on management; nobody is deactivated by turning off.
        </li>
        <li>Single sign-on keeps working, and creates accounts again on first sign-in.</li>
      </ul>
    </div>
  );
}

/** State badge, the on/off switch, its confirmations, and the live progress of the enable or reset job. */
export function StatusCard({
  state,
  version,
  impact,
  lastFailure,
}: {
  state: ProvisioningState;
  version: number;
  impact: TurnOffImpact;
  lastFailure: string | null;
}) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"enable" | "turn-off" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The job started from this page: followed until it finishes, even if it finishes before the page re-renders.
  const [watching, setWatching] = useState<{ kind: "enable" | "reset"; jobRunId: string } | null>(null);
  const enable = useServerAction(enableProvisioningAction);
  const turnOff = useServerAction(turnOffProvisioningAction);
  const running = state === "ENABLING" || state === "RESETTING" || watching !== null;
  const progressKind = state === "ENABLING" ? "enable" : state === "RESETTING" ? "reset" : (watching?.kind ?? "enable");
  const on = state !== "OFF" && state !== "RESETTING";
  const badge = STATE_BADGE[state];

  const onFinished = useCallback(
    (progress: ProvisioningJobProgress) => {
      setOutcome(outcomeOf(progress));
      setWatching(null);
      router.refresh();
    },
    [router],
  );

  async function confirm(kind: "enable" | "turn-off") {
    setOutcome(null);
    const action = kind === "enable" ? enable : turnOff;
    const result = await action.run({ expectedVersion: version });
    if (result.ok) {
      setWatching({ kind: kind === "enable" ? "enable" : "reset", jobRunId: result.data.jobRunId });
      setDialog(null);
    }
  }

  const error = enable.error ?? turnOff.error;

  return (
    <Card aria-labelledby="provisioning-status-title">
      <CardHeader
        titleId="provisioning-status-title"
        title="SCIM provisioning"
        description="Let your identity provider create, update and deactivate users through the SCIM 2.0 API."
        actions={
          <div className="flex items-center gap-3">
            <Badge tone={badge.tone} dot>
              <span className="sr-only">Status: </span>
              {badge.label}
            </Badge>
            <Switch
              checked={on}
              label="SCIM provisioning"
              disabled={running || enable.pending || turnOff.pending}
              aria-describedby="provisioning-status-description"
              onClick={() => {
                enable.reset();
                turnOff.reset();
                setDialog(on ? "turn-off" : "enable");
              }}
            />
          </div>
        }
      />
      <CardBody className="space-y-4">
        <p id="provisioning-status-description" className="text-sm text-fg-muted">
          {badge.description}
        </p>
        {running ? <JobProgress kind={progressKind} jobRunId={watching?.jobRunId ?? null} onFinished={onFinished} /> : null}
        {!running && outcome ? (
          <Alert tone={outcome.tone} title={outcome.title}>
            {outcome.body}
          </Alert>
        ) : null}
        {!running && !outcome && lastFailure ? (
          <Alert tone="danger" title="The last provisioning job failed">
            {lastFailure}
          </Alert>
        ) : null}
        {error && dialog === null ? <Alert tone="danger">{error}</Alert> : null}
      </CardBody>

      <ConfirmDialog
        open={dialog === "enable"}
        onClose={() => setDialog(null)}
        onConfirm={() => void confirm("enable")}
        loading={enable.pending}
        size="md"
        title="Turn on SCIM provisioning?"
        description="Your identity provider becomes the source of truth for who has a portal account."
        confirmLabel="Turn on provisioning"
      >
        <div className="space-y-3">
          <ul className="list-disc space-y-1.5 pl-5 text-fg-muted">
            <li>Signing in through single sign-on no longer creates or updates users. Only people your identity provider provisions can sign in.</li>
            <li>
              Every user created by single sign-on is brought under SCIM management, so your identity provider finds them instead of creating
              duplicates.
            </li>
            <li>While that runs (usually seconds), your account is read-only and the SCIM API asks identity providers to retry shortly.</li>
            <li>Nobody loses access now: nothing is applied until you generate a token and choose who gets provisioned.</li>
          </ul>
          {enable.error ? <Alert tone="danger">{enable.error}</Alert> : null}
        </div>
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === "turn-off"}
        onClose={() => setDialog(null)}
        onConfirm={() => void confirm("turn-off")}
        loading={turnOff.pending}
        tone="danger"
        size="md"
        title="Turn off SCIM provisioning?"
        description="Turning off fully resets SCIM provisioning. To use it again later you start from the beginning, with new tokens."
        confirmLabel="Turn off and reset"
      >
        <div className="space-y-3">
          <ImpactList impact={impact} />
          {turnOff.error ? <Alert tone="danger">{turnOff.error}</Alert> : null}
        </div>
      </ConfirmDialog>
    </Card>
  );
}
