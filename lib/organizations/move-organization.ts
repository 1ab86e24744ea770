import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record-audit-event";
import { isUuid, OrganizationError, organizationNotFound } from "./errors";
import { ORGANIZATION_SELECT, type OrganizationRecord } from "./records";
import { lockOrganizationTree } from "./tree-lock";

export interface MoveOrganizationInput {
  accountId: string;
  actor: AuditActor;
  organizationId: string;
  /** The new parent (an organization of the same account), or null to make it a top-level organization. */
  parentId: string | null;
}

/**
 * Whether `organizationId` is `candidateId` or one of its ancestors, i.e. whether putting `organizationId` under
 * `candidateId` would close a loop. Walks up from the candidate; UNION stops on a (corrupt) cycle.
 */
async function isSelfOrAncestor(tx: Tx, accountId: string, organizationId: string, candidateId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ found: boolean }[]>(Prisma.sql`
    WITH RECURSIVE up(id, "parentId") AS (
      SELECT id, "parentId" FROM "Organization" WHERE id = ${candidateId}::uuid AND "accountId" = ${accountId}::uuid
      UNION
      SELECT o.id, o."parentId" FROM "Organization" o JOIN up ON o.id = up."parentId" WHERE o."accountId" = ${accountId}::uuid
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${organizationId}::uuid) AS found`);
  return rows[0]?.found === true;
}

/**
 * Moves an organization (with everything under it) to a new parent in the same account, or to the top level.
 * Refuses a move under itself or one of its descendants. The check runs under the account's tree lock, so two
 * concurrent moves cannot together create a cycle: the second one sees the first one's result.
 */
export async function moveOrganization(input: MoveOrganizationInput): Promise<OrganizationRecord> {
  const { accountId, organizationId, parentId } = input;
  if (!isUuid(accountId) || !isUuid(organizationId)) throw organizationNotFound();
  if (parentId !== null && !isUuid(parentId)) throw new OrganizationError("not-found", "The new parent organization does not exist.");
  return db.$transaction(async (tx) => {
    await lockOrganizationTree(tx, accountId);
    const organization = await tx.organization.findFirst({
      where: { id: organizationId, accountId },
      select: { ...ORGANIZATION_SELECT, parent: { select: { name: true } } },
    });
    if (!organization) throw organizationNotFound();
    const { parent: oldParent, ...record } = organization;
    if (organization.parentId === parentId) return record;

    let newParentName: string | null = null;
    if (parentId !== null) {
      const parent = await tx.organization.findFirst({ where: { id: parentId, accountId }, select: { name: true } });
      if (!parent) throw new OrganizationError("not-found", "The new parent organization does not exist (it may have been deleted).");
      if (parentId === organizationId) throw new OrganizationError("cycle", `"${organization.name}" cannot be moved under itself.`);
      if (await isSelfOrAncestor(tx, accountId, organizationId, parentId)) {
        throw new OrganizationError("cycle", `"${organization.name}" cannot be moved under "${parent.name}", because "${parent.name}" is inside it.`);
      }
      newParentName = parent.name;
    }
    const moved = await tx.organization.update({ where: { id: organizationId }, data: { parentId }, select: ORGANIZATION_SELECT });
    await recordAuditEvent(tx, accountId, {
      action: "organization.moved",
      actor: input.actor,
      target: { type: "organization", id: organizationId, label: organization.name },
      before: { parentId: organization.parentId, parentName: oldParent?.name ?? null },
      after: { parentId, parentName: newParentName },
    });
    return moved;
  });
}
