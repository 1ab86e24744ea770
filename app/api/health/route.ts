import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for the start script and load balancers. */
export async function GET() {
  try {
    await db.$queryRaw`select 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database-unavailable" }, { status: 503, headers: { "Retry-After": "5" } });
  }
}
