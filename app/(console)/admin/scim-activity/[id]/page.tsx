import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditEventsTable } from "@/components/audit/audit-events-table";
import { BodyView } from "@/components/scim-activity/body-view";
import { StatusBadge } from "@/components/scim-activity/status-badge";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import { DescriptionItem, DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdministrator } from "@/lib/auth/viewer";
import { formatTimestamp } from "@/lib/format";
import { curlCommand } from "@/lib/scim-activity/curl";
import { displayScimPath } from "@/lib/scim-activity/display-path";
import { isTruncatedBody, isUnparsedBody } from "@/lib/scim-activity/redact";
import { getScimRequest } from "@/lib/scim-activity/search-requests";
import { scimBaseUrl } from "@/lib/scim-endpoint/handle-request";

export const metadata: Metadata = { title: "SCIM request" };

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus";

export default async function ScimRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireAdministrator();
  const { id } = await params;
  const request = await getScimRequest(viewer.account.id, id);
  if (!request) notFound();
  const requestLine = `${request.method} ${displayScimPath(request.path)}`;
  const replayable = !isTruncatedBody(request.requestBody) && !isUnparsedBody(request.requestBody);
  const curl = curlCommand({ method: request.method, baseUrl: scimBaseUrl(), path: request.path, body: request.requestBody });
  const redacted = JSON.stringify(request.requestBody ?? null).includes("[redacted]");

  return (
    <div className="space-y-6">
      <PageHeader
        breadcrumbs={[{ label: "SCIM activity", href: "/admin/scim-activity" }, { label: `Request ${request.id}` }]}
        title="SCIM request"
        description={formatTimestamp(request.occurredAt)}
        actions={
          <ButtonLink href="/admin/scim-activity" variant="secondary">
            Back to SCIM activity
          </ButtonLink>
        }
      >
        <p className="flex flex-wrap items-center gap-3">
          <code className="font-mono text-sm break-all text-fg">{requestLine}</code>
          <StatusBadge status={request.status} />
        </p>
      </PageHeader>

      <Card aria-labelledby="request-title">
        <CardHeader titleId="request-title" title="Request" />
        <CardBody>
          <DescriptionList>
            <DescriptionItem label="Request line">
              <code className="font-mono text-[0.8125rem] break-all">{requestLine}</code>
              {displayScimPath(request.path) !== request.path ? (
                <span className="block font-mono text-xs break-all text-fg-subtle">As sent: {request.path}</span>
              ) : null}
            </DescriptionItem>
            <DescriptionItem label="Status">
              <StatusBadge status={request.status} />
            </DescriptionItem>
            <DescriptionItem label="Duration">{request.durationMs.toLocaleString("en-GB")} ms</DescriptionItem>
            <DescriptionItem label="When">
              <time dateTime={request.occurredAt.toISOString()}>{formatTimestamp(request.occurredAt)}</time>
            </DescriptionItem>
            <DescriptionItem label="Token">
              {request.token ? (
                <>
                  {request.token.name} <span className="font-mono text-xs text-fg-subtle">({request.token.displayHint}…)</span>{" "}
                  {request.token.revoked ? <Badge tone="neutral">Deleted since</Badge> : null}
                </>
              ) : (
                "—"
              )}
            </DescriptionItem>
            <DescriptionItem label="Identity provider">
              {request.identityProvider}
              {request.userAgent ? <span className="block font-mono text-xs break-all text-fg-subtle">{request.userAgent}</span> : null}
            </DescriptionItem>
            <DescriptionItem label="Resource">
              {request.resourceType ? (
                <>
                  {request.resourceType}
                  {request.resourceId ? <span className="ml-2 font-mono text-xs text-fg-subtle">{request.resourceId}</span> : null}
                  {request.resourceId ? (
                    <Link className={`${linkClass} mt-1 block w-fit`} href={`/admin/scim-activity?resource=${encodeURIComponent(request.resourceId)}`}>
                      Every request about it
                    </Link>
                  ) : null}
                </>
              ) : (
                "—"
              )}
            </DescriptionItem>
            <DescriptionItem label="Request id">
              <span className="font-mono text-[0.8125rem]">{request.requestId}</span>
            </DescriptionItem>
          </DescriptionList>
        </CardBody>
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <Card aria-labelledby="request-body-title">
          <CardHeader titleId="request-body-title" title="Request body" description={redacted ? "Passwords are replaced by [redacted]." : undefined} />
          <CardBody>
            <BodyView body={request.requestBody} label="Request body as JSON" empty="This request had no body." />
          </CardBody>
        </Card>
        <Card aria-labelledby="response-body-title">
          <CardHeader titleId="response-body-title" title="Response body" />
          <CardBody>
            <BodyView body={request.responseBody} label="Response body as JSON" empty="The response had no body." />
          </CardBody>
        </Card>
      </div>

      <Card aria-labelledby="changes-title">
        <CardHeader
          titleId="changes-title"
          title="Changes it caused"
          description="Directory and portal changes recorded in the audit log for this request."
        />
        <CardBody flush={request.changes.length > 0}>
          {request.changes.length > 0 ? (
            <AuditEventsTable events={request.changes} caption="Audit events caused by this request" bare />
          ) : (
            <p className="text-sm text-fg-muted">This request changed nothing.</p>
          )}
        </CardBody>
      </Card>

      <Card aria-labelledby="curl-title">
        <CardHeader
          titleId="curl-title"
          title="Replay with curl"
          description={
            replayable
              ? `The same request from a terminal. Set SCIM_TOKEN to one of your tokens first; the token used is never stored.${redacted ? " Replace [redacted] with real values." : ""}`
              : "This request's body was not kept whole, so it cannot be replayed exactly."
          }
          actions={replayable ? <CopyButton value={curl} label="Copy as curl" copiedLabel="Copied" /> : undefined}
        />
        {replayable ? (
          <CardBody>
            <CodeBlock label="curl command" code={curl} maxHeightClassName="max-h-72" />
          </CardBody>
        ) : null}
      </Card>
    </div>
  );
}
