import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DiffTable } from "@/components/audit/diff-table";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { DescriptionItem, DescriptionList } from "@/components/ui/description-list";
import { PageHeader } from "@/components/ui/page-header";
import { diffJson } from "@/lib/audit/diff";
import { ACTOR_TYPE_NAMES, auditEventName } from "@/lib/audit/event-names";
import { getAuditEvent } from "@/lib/audit/search-events";
import { requireAdministrator } from "@/lib/auth/viewer";
import { formatTimestamp } from "@/lib/format";
import { scimRequestIdOfAuditEvent } from "@/lib/scim-activity/search-requests";

export const metadata: Metadata = { title: "Audit event" };

const linkClass = "font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus";

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireAdministrator();
  const { id } = await params;
  const event = await getAuditEvent(viewer.account.id, id);
  if (!event) notFound();
  const scimRequest = event.requestId ? await scimRequestIdOfAuditEvent(viewer.account.id, event.requestId, event.occurredAt) : null;
  const changes = diffJson(event.before, event.after);
  const name = auditEventName(event.action);
  const actorFilter = event.actorId ?? (event.actorType === "SYSTEM" ? "system" : event.actorLabel);
  const title = event.seq ? `Event #${event.seq}` : "Event";

  return (
    <div className="space-y-6">
      <PageHeader
        breadcrumbs={[{ label: "Audit log", href: "/admin/audit" }, { label: title }]}
        title={name}
        description={`${title}, ${formatTimestamp(event.occurredAt)}`}
        actions={
          <ButtonLink href="/admin/audit" variant="secondary">
            Back to the audit log
          </ButtonLink>
        }
      />
      <Card aria-labelledby="event-title">
        <CardHeader titleId="event-title" title="What happened" />
        <CardBody>
          <DescriptionList>
            <DescriptionItem label="Event type">
              <code className="font-mono text-[0.8125rem]">{event.action}</code>{" "}
              <Link className={linkClass} href={`/admin/audit?action=${encodeURIComponent(event.action)}`}>
                All events of this type
              </Link>
            </DescriptionItem>
            <DescriptionItem label="When">
              <time dateTime={event.occurredAt.toISOString()}>{formatTimestamp(event.occurredAt)}</time>
            </DescriptionItem>
            <DescriptionItem label="Actor">
              <span className="mr-2">{event.actorLabel}</span>
              <Badge tone="neutral">{ACTOR_TYPE_NAMES[event.actorType]}</Badge>
              {event.actorId ? <span className="block font-mono text-xs text-fg-subtle">{event.actorId}</span> : null}
              <Link className={`${linkClass} mt-1 block w-fit`} href={`/admin/audit?actor=${encodeURIComponent(actorFilter)}`}>
                Everything this actor did
              </Link>
            </DescriptionItem>
            <DescriptionItem label="Target">
              {event.targetId || event.targetLabel ? (
                <>
                  <span className="mr-2">{event.targetLabel ?? event.targetId}</span>
                  {event.targetType ? <Badge tone="neutral">{event.targetType.replaceAll("_", " ")}</Badge> : null}
                  {event.targetId ? <span className="block font-mono text-xs text-fg-subtle">{event.targetId}</span> : null}
                  {event.targetId ? (
                    <Link className={`${linkClass} mt-1 block w-fit`} href={`/admin/audit?target=${encodeURIComponent(event.targetId)}`}>
                      Everything that happened to it
                    </Link>
                  ) : null}
                </>
              ) : (
                "—"
              )}
            </DescriptionItem>
            <DescriptionItem label="Request">
              {event.requestId ? (
                <>
                  <span className="font-mono text-[0.8125rem]">{event.requestId}</span>
                  {scimRequest ? (
                    <Link className={`${linkClass} mt-1 block w-fit`} href={`/admin/scim-activity/${scimRequest}`}>
                      Open the SCIM request
                    </Link>
                  ) : null}
                </>
              ) : (
                <span className="text-fg-muted">Not made through a SCIM request</span>
              )}
            </DescriptionItem>
            <DescriptionItem label="Chain">
              {event.seq ? (
                <>
                  Event #{event.seq} of this account&apos;s chain
                  <span className="block font-mono text-xs break-all text-fg-subtle" title="SHA-256 of the previous event's hash and this event">
                    {event.hash}
                  </span>
                </>
              ) : (
                "Being sealed"
              )}
            </DescriptionItem>
          </DescriptionList>
        </CardBody>
      </Card>

      <Card aria-labelledby="changes-title">
        <CardHeader titleId="changes-title" title="Before and after" description="The fields this event changed." />
        <CardBody flush={changes.length > 0}>
          {changes.length > 0 ? <DiffTable entries={changes} /> : <p className="text-sm text-fg-muted">This event records no before or after values.</p>}
        </CardBody>
      </Card>

      {event.before !== null || event.after !== null ? (
        <details className="rounded-lg border border-line bg-surface shadow-card">
          <summary className="cursor-pointer rounded-lg px-5 py-3 text-sm font-medium text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus">
            Recorded values as JSON
          </summary>
          <div className="grid gap-4 px-5 pb-5 lg:grid-cols-2">
            <div className="space-y-1.5">
              <h3 className="text-sm font-medium text-fg-muted">Before</h3>
              <CodeBlock label="Before, as JSON" code={event.before === null ? "—" : JSON.stringify(event.before, null, 2)} />
            </div>
            <div className="space-y-1.5">
              <h3 className="text-sm font-medium text-fg-muted">After</h3>
              <CodeBlock label="After, as JSON" code={event.after === null ? "—" : JSON.stringify(event.after, null, 2)} />
            </div>
          </div>
        </details>
      ) : null}
    </div>
  );
}
