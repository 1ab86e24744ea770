import { db } from "@/lib/db";

/** Everything the Provisioning tab shows about the account's provisioning, in one read. */
export async function getProvisioningOverview(accountId: string) {
  const provisioning = await db.provisioning.findUnique({ where: { accountId } });
  if (!provisioning) return null;
  const [groups, heldChanges, heldUsers, directoryUsers, directoryGroups, latestJob] = await Promise.all([
    db.provisioningGroup.findMany({
      where: { accountId },
      select: { group: { select: { id: true, displayName: true } } },
      orderBy: { group: { displayNameKey: "asc" } },
    }),
    db.heldChange.count({ where: { accountId } }),
    db.$queryRaw<{ n: number }[]>`
      SELECT count(DISTINCT COALESCE("directoryUserId", "portalUserId"))::int AS n FROM "HeldChange" WHERE "accountId" = ${accountId}::uuid`,
    db.directoryUser.count({ where: { accountId } }),
    db.directoryGroup.count({ where: { accountId } }),
    db.jobRun.findFirst({ where: { accountId, kind: { in: ["provisioning.enable", "provisioning.reset"] } }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    state: provisioning.state,
    version: provisioning.version,
    scope: provisioning.scope,
    groups: groups.map((g) => g.group),
    pauseReason: provisioning.pauseReason,
    pausedAt: provisioning.pausedAt,
    held: { changes: heldChanges, users: heldUsers[0]?.n ?? 0 },
    directory: { users: directoryUsers, groups: directoryGroups },
    safetyValve: {
      percent: provisioning.safetyValvePercent,
      windowMinutes: provisioning.safetyValveWindowMinutes,
      minimum: provisioning.safetyValveMinimum,
    },
    latestJob,
  };
}

export type ProvisioningOverview = NonNullable<Awaited<ReturnType<typeof getProvisioningOverview>>>;

/** The account's provisioning state alone (null before the account has provisioning settings). */
export async function getProvisioningState(accountId: string) {
  const provisioning = await db.provisioning.findUnique({ where: { accountId }, select: { state: true } });
  return provisioning?.state ?? null;
}
