// Next.js calls register() once when a server instance starts (Next 16: never during `next build`, which
// NEXT_PHASE double-checks). The Node.js server runs the background job worker unless JOB_WORKER=off (for
// instances that should only serve requests). The import stays inside the branch so the edge bundle never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    if (process.env.JOB_WORKER === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
    const { startJobWorker } = await import("@/lib/jobs/worker");
    // Not awaited: the portal serves requests even while the database is unreachable; retry until the worker runs.
    const attempt = (delayMs: number) => {
      startJobWorker().catch((error: unknown) => {
        console.error(`[jobs] could not start the job worker (retrying in ${delayMs / 1000} s):`, error instanceof Error ? error.message : error);
        setTimeout(() => attempt(Math.min(delayMs * 2, 300_000)), delayMs).unref();
      });
    };
    attempt(15_000);
  }
}
