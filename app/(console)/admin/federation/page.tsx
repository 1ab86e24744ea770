import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { DescriptionList } from "@/components/ui/description-list";
import { requireAdministrator } from "@/lib/auth/viewer";
import { providerIdFor } from "@/lib/auth/federated-provider";
import { env } from "@/lib/env";
import { getFederationConnection } from "@/lib/federation/get-connection";
import { formatDateTime } from "@/lib/format";
import { ConnectionForm } from "./connection-form";
import { FederationHeader } from "./federation-header";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function FederationPage() {
  const viewer = await requireAdministrator();
  const connection = await getFederationConnection(viewer.account.id);
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const redirectUri = `${appUrl}/api/auth/callback/${providerIdFor(viewer.account.slug)}`;
  const signInUrl = `${appUrl}/signin?account=${viewer.account.slug}`;

  return (
    <div className="space-y-6">
      <FederationHeader active="connection" />
      <Card aria-labelledby="federation-details-title">
        <CardHeader
          titleId="federation-details-title"
          title="Federation details"
          description="The OpenID Connect application registered for this portal in your identity provider."
          actions={connection?.verifiedAt ? <Badge tone="success" dot>Working</Badge> : <Badge tone="warning" dot>Not connected</Badge>}
        />
        <CardBody className="space-y-6">
          {connection ? (
            <DescriptionList
              items={[
                { label: "Issuer", value: <span className="font-mono text-[0.8125rem]">{connection.issuer}</span> },
                { label: "Client ID", value: <span className="font-mono text-[0.8125rem]">{connection.clientId}</span> },
                { label: "Client secret", value: "Stored encrypted" },
                { label: "Email domains", value: connection.emailDomains.join(", ") },
                { label: "Last verified", value: connection.verifiedAt ? formatDateTime(connection.verifiedAt) : "Never" },
              ]}
            />
          ) : (
            <p className="text-sm text-fg-muted">
              No identity provider is connected yet. Register an OpenID Connect application in your identity provider with the
              redirect URI below, then enter its details.
            </p>
          )}
          <div className="grid gap-4 md:grid-cols-2">
            <CopyField label="Redirect URI" value={redirectUri} description="Register this in your identity provider's application." />
            <CopyField label="Sign-in link" value={signInUrl} description="Share it with your people, or let them enter their email." />
          </div>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={connection ? "Edit connection" : "Connect your identity provider"} />
        <CardBody>
          <ConnectionForm
            defaults={{
              issuer: connection?.issuer ?? "",
              clientId: connection?.clientId ?? "",
              emailDomains: connection?.emailDomains.join(", ") ?? "",
              hasClientSecret: Boolean(connection),
            }}
          />
        </CardBody>
      </Card>
    </div>
  );
}
