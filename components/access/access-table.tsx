import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { AccessibleTargets } from "@/lib/access/explain-access";
import type { RoleAt } from "@/lib/access/types";
import { inheritedLabel, roleLabel, viaExplanation, viaLabel } from "./describe";

type Where =
  | { kind: "account" }
  | { kind: "organization"; id: string; name: string; path: string[] }
  | { kind: "project"; id: string; name: string; organizationPath: string[] };

interface Row {
  key: string;
  role: RoleAt["role"];
  where: Where;
  how: string;
  howDetail: string | null;
  inherited: string | null;
}

/**
 * One row per role, place and reason. Grants inherited from the whole account are not repeated on every
 * organization and project: the account row says it applies everywhere.
 */
function rowsOf(targets: AccessibleTargets): Row[] {
  const rows: Row[] = [];
  const push = (where: Where, roles: RoleAt[], whereKey: string) => {
    for (const { role, sources } of roles) {
      for (const { grant, inheritedFrom } of sources) {
        if (where.kind !== "account" && inheritedFrom?.type === "ACCOUNT") continue;
        rows.push({
          key: `${whereKey}:${role}:${grant.assignmentId}`,
          role,
          where,
          how: viaLabel(grant.via),
          howDetail: viaExplanation(grant.via),
          inherited: inheritedFrom ? inheritedLabel(inheritedFrom) : null,
        });
      }
    }
  };
  push({ kind: "account" }, targets.account, "account");
  const projectsByOrganization = new Map<string, AccessibleTargets["projects"]>();
  for (const p of targets.projects) projectsByOrganization.set(p.organizationId, [...(projectsByOrganization.get(p.organizationId) ?? []), p]);
  const placed = new Set<string>();
  for (const o of targets.organizations) {
    push({ kind: "organization", id: o.id, name: o.name, path: o.path }, o.roles, o.id);
    for (const p of projectsByOrganization.get(o.id) ?? []) {
      placed.add(p.id);
      push({ kind: "project", id: p.id, name: p.name, organizationPath: p.organizationPath }, p.roles, p.id);
    }
  }
  for (const p of targets.projects) {
    if (!placed.has(p.id)) push({ kind: "project", id: p.id, name: p.name, organizationPath: p.organizationPath }, p.roles, p.id);
  }
  return rows;
}

export function hasAnyAccess(targets: AccessibleTargets): boolean {
  return targets.account.length > 0 || targets.organizations.length > 0 || targets.projects.length > 0;
}

/** The effective access table: role, where, and how the user comes to hold it. */
export function AccessTable({ targets, caption, linkProjects = true }: { targets: AccessibleTargets; caption: string; linkProjects?: boolean }) {
  const rows = rowsOf(targets);
  return (
    <Table caption={caption} bare>
      <THead>
        <TR>
          <TH>Role</TH>
          <TH>Where</TH>
          <TH>How</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map((row) => (
          <TR key={row.key}>
            <TD className="font-medium whitespace-nowrap">{roleLabel(row.role)}</TD>
            <TD>
              {row.where.kind === "account" ? (
                <>
                  <span className="font-medium">Whole account</span>
                  <span className="block text-xs text-fg-subtle">Every organization and project</span>
                </>
              ) : row.where.kind === "organization" ? (
                <>
                  <span className="font-medium">{row.where.name}</span>
                  <span className="block text-xs text-fg-subtle">Organization{row.where.path.length > 1 ? ` in ${row.where.path.slice(0, -1).join(" › ")}` : ""}</span>
                </>
              ) : (
                <>
                  {linkProjects ? (
                    <Link href={`/projects/${row.where.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {row.where.name}
                    </Link>
                  ) : (
                    <span className="font-medium">{row.where.name}</span>
                  )}
                  <span className="block text-xs text-fg-subtle">Project in {row.where.organizationPath.join(" › ")}</span>
                </>
              )}
            </TD>
            <TD>
              <span title={row.howDetail ?? undefined}>{row.how}</span>
              {row.howDetail ? <span className="sr-only"> ({row.howDetail})</span> : null}
              {row.inherited ? (
                <span className="mt-0.5 block">
                  <Badge tone="info">{row.inherited}</Badge>
                </span>
              ) : null}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
