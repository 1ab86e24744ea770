import type { Metadata } from "next";
import Link from "next/link";
import { HealthCard } from "@/components/provisioning/health-card";
import { RequestChart } from "@/components/provisioning/request-chart";
import { SafetyValveForm } from "@/components/provisioning/safety-valve-form";
import { SetupCard } from "@/components/provisioning/setup-card";
import { SetupHelp } from "@/components/provisioning/setup-help";
import { StatusCard } from "@/components/provisioning/status-card";
import { SyncCard } from "@/components/provisioning/sync-card";
import { TokensCard } from "@/components/provisioning/tokens-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireAdministrator } from "@/lib/auth/viewer";
import { provisioningAvailability, type ProvisioningBlocker } from "@/lib/provisioning/availability";
import { getProvisioningOverview } from "@/lib/provisioning/overview";
import { getScimHealth } from "@/lib/scim-activity/health";
import { getTurnOffImpact } from "@/lib/provisioning/turn-off-impact";
import { getRequestSeries } from "@/lib/scim-activity/request-series";
import { scimBaseUrl } from "@/lib/scim-endpoint/handle-request";
import { MAX_LIVE_TOKENS } from "@/lib/tokens/create-token";
import { listScimTokens } from "@/lib/tokens/list-tokens";
import { FederationHeader } from "../federation-header";

export const metadata: Metadata = { title: "Provisioning" };

const BLOCKER_TEXT: Record<ProvisioningBlocker, { title: string; body: React.ReactNode }> = {
  "no-connection": {
    title: "No identity provider is connected",
    body: (
      <>
        SCIM provisioning works through your federation connection. <Link className="font-medium underline" href="/admin/federation">Connect your identity provider</Link> first.
      </>
    ),
  },
  "connection-unverified": {
    title: "The connection has not been verified",
    body: (
      <>
        Your identity provider did not answer discovery when the connection was saved. <Link className="font-medium underline" href="/admin/federation">Check the connection</Link> and save it again.
      </>
    ),
  },
  "not-federated-session": {
    title: "You signed in with a password",
    body: "To turn on provisioning, sign out and sign in again through your organization's single sign-on. This proves the connection works for you before your identity provider takes over user management.",
  },
};

export default async function ProvisioningPage() {
  const viewer = await requireAdministrator();
  const accountId = viewer.account.id;
  const availability = await provisioningAvailability(accountId, viewer.method);

  if (!availability.available) {
    return (
      <div className="space-y-6">
        <FederationHeader active="provisioning" />
        <Card>
          <CardHeader title="SCIM provisioning is not available yet" description="Provisioning needs a working federation connection and an administrator signed in through it." />
          <CardBody className="space-y-3">
            {availability.blockers.map((blocker) => (
              <Alert key={blocker} tone="warning" title={BLOCKER_TEXT[blocker].title}>
                {BLOCKER_TEXT[blocker].body}
              </Alert>
            ))}
          </CardBody>
        </Card>
      </div>
    );
  }

  const overview = await getProvisioningOverview(accountId);
  if (!overview) {
    return (
      <div className="space-y-6">
        <FederationHeader active="provisioning" />
        <Alert tone="danger" title="Provisioning settings are missing for this account">
          This account has no provisioning record, so SCIM cannot be turned on. Contact support.
        </Alert>
      </div>
    );
  }

  const { state } = overview;
  const configured = state === "ENABLED" || state === "ACTIVE" || state === "PAUSED";
  const [tokens, health, day, week] = await Promise.all([
    listScimTokens(accountId),
    configured ? getScimHealth(accountId) : null,
    configured ? getRequestSeries(accountId, "24h") : null,
    configured ? getRequestSeries(accountId, "7d") : null,
  ]);
  const impact = await getTurnOffImpact(accountId, overview, tokens.length);
  const endpointUrl = scimBaseUrl();
  const job = overview.latestJob;
  const lastFailure = job?.status === "FAILED" ? (job.error ?? "The job stopped with an error.") : null;

  return (
    <div className="space-y-6">
      <FederationHeader active="provisioning" />
      {state === "ENABLING" || state === "RESETTING" ? (
        <Alert tone="info" title="Your account is read-only for now">
          Changes anywhere in the portal are refused until the job below finishes, and the SCIM API asks identity providers to retry shortly.
        </Alert>
      ) : null}
      <StatusCard state={state} version={overview.version} impact={impact} lastFailure={lastFailure} />
      {configured && health ? (
        <>
          <SyncCard state={state} version={overview.version} held={overview.held} pauseReason={overview.pauseReason} pausedAt={overview.pausedAt} />
          <TokensCard endpointUrl={endpointUrl} tokens={tokens} maxTokens={MAX_LIVE_TOKENS} />
          <SetupCard state={state} version={overview.version} scope={overview.scope} groups={overview.groups} directoryGroupCount={overview.directory.groups} />
          <HealthCard health={health} />
          {day && week ? <RequestChart series={{ "24h": day, "7d": week }} /> : null}
          <SetupHelp endpointUrl={endpointUrl} />
          <SafetyValveForm {...overview.safetyValve} />
        </>
      ) : null}
      {state === "OFF" ? (
        <Card>
          <CardHeader title="How it works" as="h2" />
          <CardBody className="space-y-4">
            <Alert tone="success" title="Provisioning can be set up">
              Your federation connection works and you signed in through it.
            </Alert>
            <ol className="list-decimal space-y-2 pl-5 text-sm text-fg-muted">
              <li>Turn on provisioning with the switch above. Existing single sign-on users come under SCIM management, usually within seconds.</li>
              <li>Generate a token and give it, with the endpoint URL, to Microsoft Entra ID, Okta or another SCIM client. Step-by-step help is shown here.</li>
              <li>Choose who gets provisioned: everyone your identity provider sends, or only members of some of its groups.</li>
              <li>Pause at any time without losing changes; turn off to reset everything.</li>
            </ol>
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
