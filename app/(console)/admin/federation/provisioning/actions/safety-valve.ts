"use server";

import { safetyValveInput, updateSafetyValve } from "@/lib/provisioning/safety-valve-settings";
import { provisioningAction, type ActionResult } from "./result";

export async function updateSafetyValveAction(input: { percent: string; windowMinutes: string; minimum: string }): Promise<ActionResult> {
  return provisioningAction({ schema: safetyValveInput, input, mutates: true }, async ({ accountId, actor }, values) => {
    await updateSafetyValve(accountId, actor, values);
    return null;
  });
}
