import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, keyTaken, OrganizationError, organizationNotFound } from "./errors";
import { normalizeName, normalizeOrganizationKey } from "./names";
import { lockOrganizationTree } from "./tree-lock";
import { ORGANIZATION_SELECT, type OrganizationRecord } from "./records";

export interface CreateOrganizationInput {
  accountId: string;
  actor: AuditActor;
  name: string;
  /** The parent organization; omitted or null for a top-level organization. */
  parentId?: string | null;
  key?: string | null;
}

/** Creates an organization (at the top, or under a parent of the same account), audited in the same transaction. */
export async function createOrganization(input: CreateOrganizationInput): Promise<OrganizationRecord> {
  const name = normalizeName(input.name, "organization");
  const key = normalizeOrganizationKey(input.key);
  const parentId = input.parentId ?? null;
  if (!isUuid(input.accountId) || (parentId !== null && !isUuid(parentId))) throw organizationNotFound();
  try {
    return await db.$transaction(async (tx) => {
      await lockOrganizationTree(tx, input.accountId);
      const parent = parentId === null ? null : await tx.organization.findFirst({ where: { id: parentId, accountId: input.accountId }, select: { id: true, name: true } });
      if (parentId !== null && !parent) throw new OrganizationError("not-found", "The parent organization does not exist (it may have been deleted).");
      const organization = await tx.organization.create({ data: { accountId: input.accountId, name, parentId, key }, select: ORGANIZATION_SELECT });
      await recordAuditEvent(tx, input.accountId, {
        action: "organization.created",
        actor: input.actor,
        target: { type: "organization", id: organization.id, label: organization.name },
        after: { name, key, parentId, parentName: parent?.name ?? null },
      });
      return organization;
    });
  } catch (error) {
    if (key !== null && isUniqueViolation(error)) throw keyTaken(key);
    throw error;
  }
}
