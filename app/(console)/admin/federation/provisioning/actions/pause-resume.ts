"use server";

import { z } from "zod";
import type { AccessPreview } from "@/lib/provisioning/access-preview";
import { pauseProvisioning, previewResume, resumeProvisioning } from "@/lib/provisioning/pause-resume";
import type { ReconcileSummary } from "@/lib/provisioning/reconcile";
import { provisioningAction, type ActionResult } from "./result";

const versionInput = z.object({ expectedVersion: z.int().nonnegative() });

export async function pauseAction(input: z.input<typeof versionInput>): Promise<ActionResult> {
  return provisioningAction({ schema: versionInput, input, mutates: true }, async ({ accountId, actor }, { expectedVersion }) => {
    await pauseProvisioning(accountId, actor, expectedVersion);
    return null;
  });
}

export async function previewResumeAction(): Promise<ActionResult<AccessPreview>> {
  return provisioningAction({ schema: z.undefined(), input: undefined, mutates: false }, ({ accountId }) => previewResume(accountId));
}

export async function resumeAction(input: z.input<typeof versionInput>): Promise<ActionResult<ReconcileSummary>> {
  return provisioningAction({ schema: versionInput, input, mutates: true }, ({ accountId, actor }, { expectedVersion }) =>
    resumeProvisioning(accountId, actor, expectedVersion),
  );
}
