import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { count } from "./format";

export interface ScimHealthView {
  lastContact: { at: Date; userAgent: string | null; identityProvider: string; status: number } | null;
  last24h: { requests: number; errors: number };
}

/** Whether the identity provider is reaching us: last contact, and traffic and errors over the last day. */
export function HealthCard({ health }: { health: ScimHealthView }) {
  const { lastContact, last24h } = health;
  return (
    <Card aria-labelledby="scim-health-title">
      <CardHeader
        titleId="scim-health-title"
        title="Connection health"
        description="What your identity provider's SCIM requests look like from here."
        actions={
          lastContact ? (
            lastContact.status < 400 ? (
              <Badge tone="success" dot>
                Receiving requests
              </Badge>
            ) : (
              <Badge tone="danger" dot>
                Last request failed
              </Badge>
            )
          ) : (
            <Badge tone="neutral" dot>
              No contact yet
            </Badge>
          )
        }
      />
      <CardBody>
        <dl className="grid gap-4 sm:grid-cols-3">
          <div>
            <dt className="text-sm font-medium text-fg-muted">Last contact</dt>
            <dd className="mt-1 text-sm text-fg">
              {lastContact ? (
                <>
                  <span className="block">{formatDateTime(lastContact.at)}</span>
                  <span className="block text-[0.8125rem] text-fg-muted" title={lastContact.userAgent ?? undefined}>
                    from {lastContact.identityProvider} (HTTP {lastContact.status})
                  </span>
                </>
              ) : (
                "Your identity provider has not called the endpoint yet."
              )}
            </dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-fg-muted">Requests in the last 24 hours</dt>
            <dd className="mt-1 text-sm font-semibold text-fg tabular-nums">{last24h.requests.toLocaleString("en-GB")}</dd>
          </div>
          <div>
            <dt className="text-sm font-medium text-fg-muted">Errors in the last 24 hours</dt>
            <dd className={last24h.errors > 0 ? "mt-1 text-sm font-semibold text-danger-700 tabular-nums" : "mt-1 text-sm font-semibold text-fg tabular-nums"}>
              {last24h.errors === 0 ? "None" : count(last24h.errors, "error")}
            </dd>
          </div>
        </dl>
      </CardBody>
    </Card>
  );
}
