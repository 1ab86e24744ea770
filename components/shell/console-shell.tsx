import type { ReactNode } from "react";
import type { Viewer } from "@/lib/auth/viewer";
import { Badge } from "@/components/ui/badge";
import { ActivityIcon, BuildingIcon, HistoryIcon, KeyIcon, ListIcon, ShieldIcon, UsersIcon } from "@/components/ui/icons";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

/** The signed-in frame: sidebar navigation (Administration only for administrators) and the page. */
export function ConsoleShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return (
    <div className="flex min-h-screen bg-canvas">
      <aside className="sticky top-0 flex h-screen w-sidebar shrink-0 flex-col border-r border-line bg-surface">
        <div className="flex h-topbar items-center gap-2 border-b border-line px-4">
          <span className="grid size-7 place-items-center rounded-md bg-brand-600 text-white">
            <ShieldIcon className="size-4" />
          </span>
          <div className="min-w-0">
            <p className="truncate text-sm font-semibold text-fg">{viewer.account.name}</p>
            <p className="text-xs text-fg-subtle">Federation portal</p>
          </div>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-6 overflow-y-auto px-3 py-4">
          <div className="space-y-0.5">
            <NavLink href="/overview" icon={<ListIcon />}>
              Overview
            </NavLink>
            <NavLink href="/access" icon={<KeyIcon />}>
              My access
            </NavLink>
          </div>
          {viewer.isAdministrator ? (
            <div>
              <p className="px-2.5 pb-1.5 text-xs font-semibold tracking-wide text-fg-subtle uppercase">Administration</p>
              <div className="space-y-0.5">
                <NavLink href="/admin/federation" icon={<ShieldIcon />}>
                  Single sign-on
                </NavLink>
                <NavLink href="/admin/users" icon={<UsersIcon />}>
                  Users
                </NavLink>
                <NavLink href="/admin/organizations" icon={<BuildingIcon />}>
                  Organizations
                </NavLink>
                <NavLink href="/admin/roles" icon={<KeyIcon />}>
                  Group roles
                </NavLink>
                <NavLink href="/admin/audit" icon={<HistoryIcon />}>
                  Audit log
                </NavLink>
                <NavLink href="/admin/scim-activity" icon={<ActivityIcon />}>
                  SCIM activity
                </NavLink>
              </div>
            </div>
          ) : null}
        </nav>
        <div className="space-y-2 border-t border-line p-4">
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-fg">{viewer.name ?? viewer.userName}</p>
            <p className="truncate text-xs text-fg-subtle">{viewer.userName}</p>
          </div>
          <div className="flex items-center justify-between gap-2">
            <Badge tone={viewer.method === "federated" ? "brand" : "neutral"}>
              {viewer.method === "federated" ? "Single sign-on" : "Password"}
            </Badge>
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1">
        <div className="mx-auto max-w-page px-8 py-8">{children}</div>
      </main>
    </div>
  );
}
