"use server";

import { z } from "zod";
import { enableProvisioning, turnOffProvisioning } from "@/lib/provisioning/lifecycle";
import { provisioningAction, type ActionResult } from "./result";

const versionInput = z.object({ expectedVersion: z.int().nonnegative() });

/** Starts the enable job; the page then follows its progress. */
export async function enableProvisioningAction(input: z.input<typeof versionInput>): Promise<ActionResult<{ jobRunId: string }>> {
  return provisioningAction({ schema: versionInput, input, mutates: true }, ({ accountId, actor }, { expectedVersion }) =>
    enableProvisioning(accountId, actor, expectedVersion),
  );
}

/** Starts the reset job; the page then follows its progress. */
export async function turnOffProvisioningAction(input: z.input<typeof versionInput>): Promise<ActionResult<{ jobRunId: string }>> {
  return provisioningAction({ schema: versionInput, input, mutates: true }, ({ accountId, actor }, { expectedVersion }) =>
    turnOffProvisioning(accountId, actor, expectedVersion),
  );
}
