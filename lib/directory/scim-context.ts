import type { AuditActor } from "@/lib/audit/record-audit-event";

/** Who is calling the SCIM API, for which account, and where resources live (for meta.location). */
export interface ScimContext {
  accountId: string;
  actor: AuditActor;
  requestId: string;
  /** e.g. https://portal.example.com/scim/v2 */
  baseUrl: string;
}
