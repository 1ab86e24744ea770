import type { Metadata } from "next";
import { ScimFilterForm } from "@/components/scim-activity/scim-filter-form";
import { ScimRequestsTable } from "@/components/scim-activity/scim-requests-table";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ActivityIcon } from "@/components/ui/icons";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { PageHeader } from "@/components/ui/page-header";
import { getRetentionSettings } from "@/lib/accounts/retention-settings";
import { requireAdministrator } from "@/lib/auth/viewer";
import { parseScimRequestFilters, pickScimFilterParams, scimFilterParams } from "@/lib/scim-activity/request-filters";
import { SCIM_REQUESTS_PAGE_SIZE, searchScimRequests } from "@/lib/scim-activity/search-requests";

export const metadata: Metadata = { title: "SCIM activity" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ScimActivityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireAdministrator();
  const accountId = viewer.account.id;
  const params = await searchParams;
  const values = pickScimFilterParams(params);
  const parsed = parseScimRequestFilters(values);
  const cursor = first(params.cursor) ?? null;
  const pageNumber = Math.max(1, Number.parseInt(first(params.page) ?? "1", 10) || 1);

  const [page, retention] = await Promise.all([
    parsed.ok ? searchScimRequests(accountId, parsed.filters, cursor, SCIM_REQUESTS_PAGE_SIZE) : null,
    getRetentionSettings(accountId),
  ]);
  const filterQuery = parsed.ok ? scimFilterParams(parsed.filters) : new URLSearchParams();
  const filtered = filterQuery.size > 0;
  const nextHref = page?.nextCursor ? `/admin/scim-activity?${new URLSearchParams([...filterQuery, ["cursor", page.nextCursor], ["page", String(pageNumber + 1)]])}` : null;
  const newestHref = `/admin/scim-activity${filtered ? `?${filterQuery}` : ""}`;

  return (
    <div className="space-y-6">
      <PageHeader
        title="SCIM activity"
        description={`Every request your identity provider sent to the SCIM endpoint, with what it changed. Passwords and tokens are never kept. Requests are kept ${retention.scimLogRetentionDays} ${retention.scimLogRetentionDays === 1 ? "day" : "days"} (change it on the Audit log page).`}
      />
      <ScimFilterForm values={values} errors={parsed.ok ? {} : parsed.errors} />
      {!parsed.ok ? (
        <Alert tone="warning" title="Some filters are not valid">
          Correct the highlighted fields to see requests.
        </Alert>
      ) : page && page.requests.length === 0 ? (
        <EmptyState
          icon={<ActivityIcon />}
          title={filtered || cursor ? "No requests match these filters" : "No SCIM requests yet"}
          description={
            filtered || cursor
              ? "Try a wider time range, or clear the filters."
              : "Requests appear here as soon as your identity provider calls the SCIM endpoint with one of your tokens."
          }
          action={
            filtered || cursor ? (
              <ButtonLink href="/admin/scim-activity" variant="secondary">
                Clear filters
              </ButtonLink>
            ) : (
              <ButtonLink href="/admin/federation/provisioning" variant="secondary">
                Go to Provisioning
              </ButtonLink>
            )
          }
        />
      ) : page ? (
        <section aria-labelledby="scim-results-title" className="space-y-3">
          <h2 id="scim-results-title" className="sr-only">
            Requests
          </h2>
          <ScimRequestsTable requests={page.requests} caption={`SCIM requests, page ${pageNumber}, newest first`} />
          <KeysetPager
            label="Pages of requests"
            pageNumber={pageNumber}
            shown={page.requests.length}
            noun={["request", "requests"]}
            atNewest={!cursor}
            newestHref={newestHref}
            olderHref={nextHref}
          />
        </section>
      ) : null}
    </div>
  );
}
