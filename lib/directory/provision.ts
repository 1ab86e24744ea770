import type { Tx } from "@/lib/db";
import { recordMembershipAccessChange } from "@/lib/access/record-access-change";
import { provisionDirectoryChange, type DirectoryChange } from "@/lib/provisioning/provision-directory-change";
import { pauseForSafetyValve } from "@/lib/provisioning/safety-valve-pause";
import type { MemberChanges } from "./group-members";
import type { ScimContext } from "./scim-context";

/**
 * Hands a directory change to provisioning inside the write's transaction. Returns the safety valve's reason when
 * it held the change; the operation then calls `afterCommit` once its transaction has committed.
 */
export async function provision(tx: Tx, ctx: ScimContext, change: DirectoryChange): Promise<string | null> {
  const outcome = await provisionDirectoryChange(tx, ctx, change);
  return outcome.kind === "safety-valve" ? outcome.reason : null;
}

/** Members added to or removed from a group: users directly, and the users under nested groups. */
export async function provisionMemberChanges(tx: Tx, ctx: ScimContext, groupId: string, changes: MemberChanges): Promise<string | null> {
  const ids = [...changes.added, ...changes.removed];
  if (!ids.length) return null;
  const users = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "DirectoryUser" WHERE "accountId" = ${ctx.accountId}::uuid AND id = ANY(${ids}::uuid[])`;
  const userIds = new Set(users.map((u) => u.id));
  // Members who gain or lose the roles flowing through this group: audited with the change (lib/access).
  const isUser = (id: string) => userIds.has(id);
  await recordMembershipAccessChange(tx, ctx, groupId, {
    usersAdded: changes.added.filter(isUser),
    usersRemoved: changes.removed.filter(isUser),
    groupsAdded: changes.added.filter((id) => !isUser(id)),
    groupsRemoved: changes.removed.filter((id) => !isUser(id)),
  });
  return provision(tx, ctx, {
    kind: "group.members_changed",
    directoryUserIds: [...userIds],
    groupIds: ids.filter((id) => !userIds.has(id)),
  });
}

/** After the write committed: pause provisioning if the safety valve held the change. */
export async function afterCommit(ctx: ScimContext, safetyValveReason: string | null): Promise<void> {
  if (safetyValveReason) await pauseForSafetyValve(ctx.accountId, safetyValveReason);
}

