import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, keyTaken, organizationNotFound } from "./errors";
import { normalizeOrganizationKey } from "./names";
import { ORGANIZATION_SELECT, type OrganizationRecord } from "./records";

export interface SetOrganizationKeyInput {
  accountId: string;
  actor: AuditActor;
  organizationId: string;
  /** The new key (lower-cased on the way in); null or "" removes it. */
  key: string | null;
}

/**
 * Sets or clears an organization's key: the short code identity providers send in our SCIM organization extension
 * to place users and groups in this organization. Lower-cased, unique per account (a unique index decides).
 */
export async function setOrganizationKey(input: SetOrganizationKeyInput): Promise<OrganizationRecord> {
  const key = normalizeOrganizationKey(input.key);
  if (!isUuid(input.accountId) || !isUuid(input.organizationId)) throw organizationNotFound();
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.organization.findFirst({ where: { id: input.organizationId, accountId: input.accountId }, select: { key: true } });
      if (!before) throw organizationNotFound();
      const [organization] = await tx.organization.updateManyAndReturn({
        where: { id: input.organizationId, accountId: input.accountId },
        data: { key },
        select: ORGANIZATION_SELECT,
      });
      if (!organization) throw organizationNotFound();
      if (before.key !== key) {
        await recordAuditEvent(tx, input.accountId, {
          action: "organization.key_changed",
          actor: input.actor,
          target: { type: "organization", id: organization.id, label: organization.name },
          before: { key: before.key },
          after: { key },
        });
      }
      return organization;
    });
  } catch (error) {
    if (key !== null && isUniqueViolation(error)) throw keyTaken(key);
    throw error;
  }
}
