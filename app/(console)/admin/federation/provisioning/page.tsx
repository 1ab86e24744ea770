import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireAdministrator } from "@/lib/auth/viewer";
import { provisioningAvailability, type ProvisioningBlocker } from "@/lib/provisioning/availability";
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
  const availability = await provisioningAvailability(viewer.account.id, viewer.method);

  return (
    <div className="space-y-6">
      <FederationHeader active="provisioning" />
      {availability.available ? (
        <Card>
          <CardHeader title="SCIM provisioning" description="Let your identity provider create, update and deactivate users through the SCIM 2.0 API." />
          <CardBody>
            <Alert tone="success" title="Provisioning can be set up">
              Your federation connection works and you signed in through it.
            </Alert>
          </CardBody>
        </Card>
      ) : (
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
      )}
    </div>
  );
}
