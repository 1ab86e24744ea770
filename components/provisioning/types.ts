import type { ProvisioningScope, ProvisioningState } from "@/lib/generated/prisma/enums";
import type { ProvisioningJobProgress as JobProgressRecord } from "@/lib/provisioning/lifecycle";

/** What the progress route returns for the latest enable or reset job (dates arrive as JSON strings). */
export type ProvisioningJobProgress = Omit<JobProgressRecord, "startedAt" | "finishedAt"> & { startedAt: string | null; finishedAt: string | null };

export type { ProvisioningScope, ProvisioningState };

/** What turning provisioning off removes, shown before the administrator confirms. */
export interface TurnOffImpact {
  tokens: number;
  hasSetup: boolean;
  directoryUsers: number;
  directoryGroups: number;
  groupRoleMappings: number;
  heldChanges: number;
  scimUsers: number;
}
