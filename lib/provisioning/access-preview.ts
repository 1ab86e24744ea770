import type { Tx } from "@/lib/db";
import { gainsAccess, losesAccess, planReconcile, type PlannedUser, type ProvisioningScopeRule } from "./reconcile";

export const PREVIEW_SAMPLE_SIZE = 50;

export interface AccessPreview {
  gain: { count: number; sample: { userName: string; name: string | null }[] };
  lose: { count: number; sample: { userName: string; name: string | null }[] };
}

export function summarisePlan(plan: PlannedUser[]): AccessPreview {
  const pick = (users: PlannedUser[]) => ({
    count: users.length,
    sample: users
      .slice()
      .sort((a, b) => a.userNameKey.localeCompare(b.userNameKey))
      .slice(0, PREVIEW_SAMPLE_SIZE)
      .map((u) => ({ userName: u.userName, name: u.name })),
  });
  return { gain: pick(plan.filter(gainsAccess)), lose: pick(plan.filter(losesAccess)) };
}

/** Who would gain and lose portal access if the whole directory were provisioned under `rule` now. */
export async function previewAccess(tx: Tx, accountId: string, rule: ProvisioningScopeRule): Promise<AccessPreview> {
  return summarisePlan(await planReconcile(tx, accountId, { all: true }, rule));
}
