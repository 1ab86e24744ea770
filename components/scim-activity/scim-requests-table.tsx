import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatTimestamp } from "@/lib/format";
import { displayScimPath } from "@/lib/scim-activity/display-path";
import type { ScimRequestSummary } from "@/lib/scim-activity/search-requests";
import { StatusBadge } from "./status-badge";

/** SCIM requests, newest first; each request line opens its detail view. */
export function ScimRequestsTable({ requests, caption }: { requests: ScimRequestSummary[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <TR>
          <TH>Time (UTC)</TH>
          <TH>Request</TH>
          <TH>Status</TH>
          <TH align="right">Duration</TH>
          <TH>IdP</TH>
        </TR>
      </THead>
      <TBody>
        {requests.map((request) => (
          <TR key={request.id}>
            <TD className="whitespace-nowrap text-fg-muted tabular-nums">
              <time dateTime={request.occurredAt.toISOString()}>{formatTimestamp(request.occurredAt)}</time>
            </TD>
            <TD className="max-w-72">
              <Link
                href={`/admin/scim-activity/${request.id}`}
                className="block truncate font-mono text-[0.8125rem] text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
                title={`${request.method} ${displayScimPath(request.path)}`}
              >
                <span className="font-semibold">{request.method}</span> {displayScimPath(request.path)}
              </Link>
            </TD>
            <TD>
              <StatusBadge status={request.status} />
            </TD>
            <TD align="right" className="text-fg-muted tabular-nums">
              {request.durationMs.toLocaleString("en-GB")} ms
            </TD>
            <TD className="text-fg-muted" title={request.userAgent ?? undefined}>
              {request.identityProvider}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
