import type { Metadata } from "next";
import { AuditEventsTable } from "@/components/audit/audit-events-table";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { RetentionForm } from "@/components/audit/retention-form";
import { VerifyChain } from "@/components/audit/verify-chain";
import { Alert } from "@/components/ui/alert";
import { buttonClasses, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DownloadIcon, HistoryIcon } from "@/components/ui/icons";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { getRetentionSettings } from "@/lib/accounts/retention-settings";
import { auditFilterParams, parseAuditFilters, pickAuditFilterParams } from "@/lib/audit/audit-filters";
import { AUDIT_PAGE_SIZE, listAuditActions, searchAuditEvents } from "@/lib/audit/search-events";
import { requireAdministrator } from "@/lib/auth/viewer";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireAdministrator();
  const accountId = viewer.account.id;
  const params = await searchParams;
  const values = pickAuditFilterParams(params);
  const parsed = parseAuditFilters(values);
  const cursor = first(params.cursor) ?? null;
  const pageNumber = Math.max(1, Number.parseInt(first(params.page) ?? "1", 10) || 1);

  const [page, actions, retention] = await Promise.all([
    parsed.ok ? searchAuditEvents(accountId, parsed.filters, cursor, AUDIT_PAGE_SIZE) : null,
    listAuditActions(accountId),
    getRetentionSettings(accountId),
  ]);
  const filterQuery = parsed.ok ? auditFilterParams(parsed.filters) : new URLSearchParams();
  const filtered = filterQuery.size > 0;
  const exportHref = (format: "csv" | "json") => `/api/admin/audit/export?${new URLSearchParams([["format", format], ...filterQuery])}`;
  const nextHref = page?.nextCursor ? `/admin/audit?${new URLSearchParams([...filterQuery, ["cursor", page.nextCursor], ["page", String(pageNumber + 1)]])}` : null;
  const newestHref = `/admin/audit${filtered ? `?${filterQuery}` : ""}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit log"
        description="Every change in your account: who or what made it, what it changed, and when. Events cannot be edited or deleted, and each one seals the one before it, so tampering shows."
        actions={
          parsed.ok ? (
            <>
              <a href={exportHref("csv")} download className={buttonClasses({ variant: "secondary" })}>
                <DownloadIcon />
                Export CSV
              </a>
              <a href={exportHref("json")} download className={buttonClasses({ variant: "secondary" })}>
                <DownloadIcon />
                Export JSON
              </a>
            </>
          ) : null
        }
      />
      <AuditFilterForm values={values} errors={parsed.ok ? {} : parsed.errors} actions={actions} />

      {!parsed.ok ? (
        <Alert tone="warning" title="Some filters are not valid">
          Correct the highlighted fields to see events.
        </Alert>
      ) : page && page.events.length === 0 ? (
        <EmptyState
          icon={<HistoryIcon />}
          title={filtered || cursor ? "No events match these filters" : "No events yet"}
          description={filtered || cursor ? "Try a wider time range, or clear the filters." : "Changes made in the portal and by your identity provider will appear here."}
          action={filtered || cursor ? <ButtonLink href="/admin/audit" variant="secondary">Clear filters</ButtonLink> : undefined}
        />
      ) : page ? (
        <section aria-labelledby="audit-results-title" className="space-y-3">
          <h2 id="audit-results-title" className="sr-only">
            Events
          </h2>
          <AuditEventsTable events={page.events} caption={`Audit events, page ${pageNumber}, newest first`} />
          <KeysetPager
            label="Pages of events"
            pageNumber={pageNumber}
            shown={page.events.length}
            noun={["event", "events"]}
            atNewest={!cursor}
            newestHref={newestHref}
            olderHref={nextHref}
          />
        </section>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card aria-labelledby="verify-title">
          <CardHeader
            titleId="verify-title"
            title="Tamper check"
            description="Recomputes every event's hash and checks that each one follows the one before it, from the oldest kept event to the newest."
          />
          <CardBody>
            <VerifyChain />
          </CardBody>
        </Card>
        <RetentionForm auditRetentionDays={retention.auditRetentionDays} scimLogRetentionDays={retention.scimLogRetentionDays} />
      </div>
    </div>
  );
}
