import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { getProvisioningJobProgress } from "@/lib/provisioning/lifecycle";

const NO_STORE = { "Cache-Control": "no-store" };

// The Provisioning tab polls this while the enable or reset job runs: the viewer's own account only.
export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in to see provisioning progress." }, { status: 401, headers: NO_STORE });
  if (!viewer.isAdministrator) return NextResponse.json({ error: "Only administrators can see provisioning progress." }, { status: 403, headers: NO_STORE });
  const [progress, provisioning] = await Promise.all([
    getProvisioningJobProgress(viewer.account.id),
    db.provisioning.findUnique({ where: { accountId: viewer.account.id }, select: { state: true } }),
  ]);
  // state tells a failed attempt that will be retried (still ENABLING / RESETTING) from a final outcome.
  return NextResponse.json({ progress, state: provisioning?.state ?? null }, { headers: NO_STORE });
}
