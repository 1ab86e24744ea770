import { NextResponse, type NextRequest } from "next/server";
import { parseAuditFilters, pickAuditFilterParams } from "@/lib/audit/audit-filters";
import { auditExportFileName, exportAuditEvents, recordAuditExport } from "@/lib/audit/export-events";
import { actorOf, getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

// GET /api/admin/audit/export?format=csv|json&<the audit page's filters>: the viewer's own account only, streamed.
export async function GET(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in to export the audit log." }, { status: 401, headers: NO_STORE });
  if (!viewer.isAdministrator) return NextResponse.json({ error: "Only administrators can export the audit log." }, { status: 403, headers: NO_STORE });

  const params = request.nextUrl.searchParams;
  const format = params.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return NextResponse.json({ error: 'format must be "csv" or "json".' }, { status: 400, headers: NO_STORE });
  const parsed = parseAuditFilters(pickAuditFilterParams(Object.fromEntries(params)));
  if (!parsed.ok) return NextResponse.json({ error: "Some filters are not valid.", fields: parsed.errors }, { status: 400, headers: NO_STORE });

  const fileName = auditExportFileName(viewer.account.slug, format);
  // Taking the log out of the portal is an administrator action worth its own event.
  const requestId = crypto.randomUUID();
  await recordAuditExport(viewer.account.id, actorOf(viewer), { fileName, format, filters: Object.fromEntries(params), requestId });
  return new Response(exportAuditEvents(viewer.account.id, parsed.filters, format), {
    headers: {
      ...NO_STORE,
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
      "X-Request-Id": requestId,
    },
  });
}
