import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { UsersIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireAdministrator } from "@/lib/auth/viewer";
import { formatDateTime } from "@/lib/format";
import type { UserSource } from "@/lib/generated/prisma/enums";
import { listUsers } from "@/lib/users/list-users";
import { UserSearch } from "./user-search";

export const metadata: Metadata = { title: "Users" };

const SOURCE_LABEL: Record<UserSource, string> = { LOCAL: "Local", SSO: "Single sign-on", SCIM: "SCIM" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const viewer = await requireAdministrator();
  const params = await searchParams;
  const page = Number.parseInt(params.page ?? "1", 10) || 1;
  const search = params.q?.slice(0, 200) ?? "";
  const result = await listUsers(viewer.account.id, { page, search });
  const hrefFor = (p: number) => `/admin/users?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(p) })}`;

  return (
    <div className="space-y-6">
      <PageHeader title="Users" description="Everyone with a portal account in your organization, and how each account is managed." />
      <UserSearch defaultValue={search} />
      {result.users.length === 0 ? (
        <EmptyState
          icon={<UsersIcon className="size-6" />}
          title={search ? "No users match your search" : "No users yet"}
          description={search ? "Try another email or name." : "Users appear here when they first sign in through single sign-on, or when your identity provider provisions them."}
        />
      ) : (
        <Card>
          <Table caption="Users">
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Email</TH>
                <TH>Managed by</TH>
                <TH>Status</TH>
                <TH>Last sign-in</TH>
              </TR>
            </THead>
            <TBody>
              {result.users.map((user) => (
                <TR key={user.id}>
                  <TD className="font-medium text-fg">{user.name ?? "—"}</TD>
                  <TD>
                    <Link href={`/admin/users/${user.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {user.userName}
                    </Link>
                  </TD>
                  <TD>
                    <Badge tone={user.source === "SCIM" ? "brand" : user.source === "SSO" ? "info" : "neutral"}>{SOURCE_LABEL[user.source]}</Badge>
                  </TD>
                  <TD>{user.active ? <Badge tone="success" dot>Active</Badge> : <Badge tone="neutral" dot>Deactivated</Badge>}</TD>
                  <TD className="text-fg-muted">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <div className="border-t border-line px-4 py-3">
            <Pagination page={result.page} pageSize={result.pageSize} total={result.total} hrefFor={hrefFor} itemLabel="users" />
          </div>
        </Card>
      )}
    </div>
  );
}
