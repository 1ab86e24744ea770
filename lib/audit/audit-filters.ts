import { z } from "zod";
import { optionalInstant as instant, optionalText as text, pickParams } from "@/lib/query-params";

/** What the audit log can be filtered by; the page, its links and the export all use these. */
export interface AuditFilters {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** An actor id, an email or token name, or "system". */
  actor?: string;
  /** An event type ("federation.updated"), or a prefix ending with "." or ".*" ("provisioning.*"). */
  action?: string;
  /** A target id, or its label (an email, a group or token name). */
  target?: string;
  /** Any part of the actor, the target or the event type, case-insensitively. */
  text?: string;
}

export const AUDIT_FILTER_KEYS = ["from", "to", "actor", "action", "target", "q"] as const;
export type AuditFilterParams = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>;

const schema = z.object({
  from: instant,
  to: instant,
  actor: text(200),
  action: text(100),
  target: text(200),
  q: text(200),
});

export type AuditFilterResult = { ok: true; filters: AuditFilters } | { ok: false; errors: Partial<Record<keyof AuditFilterParams, string>> };

/** Reads the filters of the URL (the page's GET form, the export links). */
export function parseAuditFilters(params: AuditFilterParams): AuditFilterResult {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const errors: Partial<Record<keyof AuditFilterParams, string>> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as keyof AuditFilterParams;
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const d = parsed.data;
  const filters: AuditFilters = {};
  if (d.from) filters.from = d.from;
  if (d.to) filters.to = d.to;
  if (d.actor) filters.actor = d.actor;
  if (d.action) filters.action = d.action;
  if (d.target) filters.target = d.target;
  if (d.q) filters.text = d.q;
  return { ok: true, filters };
}

/** The filters as URL parameters (for links: next page, export, "events of this actor"). */
export function auditFilterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set("from", filters.from.toISOString());
  if (filters.to) params.set("to", filters.to.toISOString());
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.target) params.set("target", filters.target);
  if (filters.text) params.set("q", filters.text);
  return params;
}

/** Picks the filter parameters out of a Next.js searchParams object (first value of repeated ones). */
export function pickAuditFilterParams(searchParams: Record<string, string | string[] | undefined>): AuditFilterParams {
  return pickParams(searchParams, AUDIT_FILTER_KEYS);
}
