import { db } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, organizationNotFound } from "./errors";
import { normalizeName } from "./names";
import { ORGANIZATION_SELECT, type OrganizationRecord } from "./records";

export interface RenameOrganizationInput {
  accountId: string;
  actor: AuditActor;
  organizationId: string;
  name: string;
}

/** Renames an organization of the account; audited with the old and new names (nothing recorded if unchanged). */
export async function renameOrganization(input: RenameOrganizationInput): Promise<OrganizationRecord> {
  const name = normalizeName(input.name, "organization");
  if (!isUuid(input.accountId) || !isUuid(input.organizationId)) throw organizationNotFound();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ name: string }[]>`
      SELECT name FROM "Organization" WHERE id = ${input.organizationId}::uuid AND "accountId" = ${input.accountId}::uuid FOR UPDATE`;
    const before = rows[0];
    if (!before) throw organizationNotFound();
    const organization = await tx.organization.update({ where: { id: input.organizationId }, data: { name }, select: ORGANIZATION_SELECT });
    if (before.name !== name) {
      await recordAuditEvent(tx, input.accountId, {
        action: "organization.renamed",
        actor: input.actor,
        target: { type: "organization", id: organization.id, label: name },
        before: { name: before.name },
        after: { name },
      });
    }
    return organization;
  });
}
