import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { requireViewer } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const viewer = await requireViewer();
  return (
    <div className="space-y-6">
      <PageHeader title={`Welcome, ${viewer.name ?? viewer.userName}`} description={`You are signed in to ${viewer.account.name}.`} />
      <Card>
        <CardHeader title="Your session" />
        <CardBody>
          <DescriptionList
            items={[
              { label: "Account", value: viewer.account.name },
              { label: "Email", value: viewer.userName },
              {
                label: "Signed in with",
                value: viewer.method === "federated" ? "Your organization's single sign-on" : "A local password",
              },
              { label: "Administrator", value: viewer.isAdministrator ? <Badge tone="brand">Yes</Badge> : <Badge>No</Badge> },
            ]}
          />
        </CardBody>
      </Card>
      {viewer.isAdministrator ? (
        <Card>
          <CardHeader
            title="Administration"
            description="Connect your identity provider, provision users with SCIM and review who has access."
            actions={<ButtonLink href="/admin/federation" variant="secondary">Open single sign-on settings</ButtonLink>}
          />
        </Card>
      ) : null}
    </div>
  );
}
