import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { getProvisioningJobProgress } from "@/lib/provisioning/lifecycle";
import { getProvisioningState } from "@/lib/provisioning/overview";

const NO_STORE = { "Cache-Control": "no-store" };

// The Provisioning tab polls this while the enable or reset job runs: the viewer's own account only.
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in to see provisioning progress." }, { status: 401, headers: NO_STORE });
  if (!viewer.isAdministrator) return NextResponse.json({ error: "Only administrators can see provisioning progress." }, { status: 403, headers: NO_STORE });
  const [progress, state] = await Promise.all([getProvisioningJobProgress(viewer.account.id), getProvisioningState(viewer.account.id)]);
  // state tells a failed attempt that will be retried (still ENABLING / RESETTING) from a final outcome.
  return NextResponse.json({ progress, state }, { headers: NO_STORE });
}
