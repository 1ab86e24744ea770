import { db } from "@/lib/db";
import { SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { transitionProvisioning, TransitionRefused } from "./transition";

/**
 * Pauses provisioning after the safety valve held a change. Runs after the SCIM write committed (taking the
 * provisioning row's exclusive lock inside the write would deadlock with concurrent writes); a change arriving in
 * between trips the valve too and is held, so nothing slips through.
 */
export async function pauseForSafetyValve(accountId: string, reason: string): Promise<void> {
  try {
    await db.$transaction((tx) => transitionProvisioning(tx, accountId, "auto_pause", { actor: SYSTEM_ACTOR, reason }));
  } catch (e) {
    if (!(e instanceof TransitionRefused)) throw e; // already paused (or paused by an administrator meanwhile)
  }
}
