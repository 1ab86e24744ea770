import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { ACTOR_TYPE_NAMES, auditEventName } from "@/lib/audit/event-names";
import type { AuditEventSummary } from "@/lib/audit/search-events";
import { formatTimestamp } from "@/lib/format";

/** Audit events, newest first; each event's name opens its detail view. */
export function AuditEventsTable({ events, caption = "Audit events", bare = false }: { events: AuditEventSummary[]; caption?: string; bare?: boolean }) {
  return (
    <Table caption={caption} bare={bare}>
      <THead>
        <TR>
          <TH>Time (UTC)</TH>
          <TH>Event</TH>
          <TH>Actor</TH>
          <TH>Target</TH>
          <TH align="right">#</TH>
        </TR>
      </THead>
      <TBody>
        {events.map((event) => (
          <TR key={event.id}>
            <TD className="whitespace-nowrap text-fg-muted tabular-nums">
              <time dateTime={event.occurredAt.toISOString()}>{formatTimestamp(event.occurredAt)}</time>
            </TD>
            <TD>
              <Link
                href={`/admin/audit/${event.id}`}
                className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
              >
                {auditEventName(event.action)}
              </Link>
              <span className="block font-mono text-xs text-fg-subtle">{event.action}</span>
            </TD>
            <TD className="max-w-64">
              <span className="block truncate" title={event.actorLabel}>
                {event.actorLabel}
              </span>
              <Badge tone={event.actorType === "USER" ? "info" : event.actorType === "SCIM_TOKEN" ? "brand" : "neutral"}>{ACTOR_TYPE_NAMES[event.actorType]}</Badge>
            </TD>
            <TD className="max-w-72">
              {event.targetLabel || event.targetId ? (
                <>
                  <span className="block truncate" title={event.targetLabel ?? event.targetId ?? undefined}>
                    {event.targetLabel ?? event.targetId}
                  </span>
                  {event.targetType ? <span className="text-xs text-fg-subtle">{event.targetType.replaceAll("_", " ")}</span> : null}
                </>
              ) : (
                <span className="text-fg-subtle">—</span>
              )}
            </TD>
            <TD align="right" className="text-fg-subtle tabular-nums">
              {event.seq ?? "…"}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
