import { z } from "zod";
import { optionalInstant as instant, optionalText as text, pickParams } from "@/lib/query-params";

export type StatusClass = "2xx" | "3xx" | "4xx" | "5xx";

/** What the SCIM activity log can be filtered by (the page's GET form, its links). */
export interface ScimRequestFilters {
  statusClass?: StatusClass;
  /** Status 400 and above. */
  errorsOnly?: boolean;
  resourceType?: "User" | "Group";
  resourceId?: string;
  /** A directory user's userName: their requests (by resource id). */
  userName?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export const SCIM_FILTER_KEYS = ["status", "errors", "type", "resource", "user", "from", "to"] as const;
export type ScimFilterParams = Partial<Record<(typeof SCIM_FILTER_KEYS)[number], string>>;

const schema = z.object({
  status: z
    .enum(["", "2xx", "3xx", "4xx", "5xx"])
    .optional()
    .transform((v) => (v ? v : undefined)),
  errors: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on" || v === "true"),
  type: z
    .enum(["", "User", "Group"])
    .optional()
    .transform((v) => (v ? v : undefined)),
  resource: text(200),
  user: text(320),
  from: instant,
  to: instant,
});

export type ScimFilterResult = { ok: true; filters: ScimRequestFilters } | { ok: false; errors: Partial<Record<keyof ScimFilterParams, string>> };

export function parseScimRequestFilters(params: ScimFilterParams): ScimFilterResult {
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const errors: Partial<Record<keyof ScimFilterParams, string>> = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof ScimFilterParams] ??= issue.message;
    return { ok: false, errors };
  }
  const d = parsed.data;
  const filters: ScimRequestFilters = {};
  if (d.status) filters.statusClass = d.status;
  if (d.errors) filters.errorsOnly = true;
  if (d.type) filters.resourceType = d.type;
  if (d.resource) filters.resourceId = d.resource;
  if (d.user) filters.userName = d.user;
  if (d.from) filters.from = d.from;
  if (d.to) filters.to = d.to;
  return { ok: true, filters };
}

export function scimFilterParams(filters: ScimRequestFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.statusClass) params.set("status", filters.statusClass);
  if (filters.errorsOnly) params.set("errors", "1");
  if (filters.resourceType) params.set("type", filters.resourceType);
  if (filters.resourceId) params.set("resource", filters.resourceId);
  if (filters.userName) params.set("user", filters.userName);
  if (filters.from) params.set("from", filters.from.toISOString());
  if (filters.to) params.set("to", filters.to.toISOString());
  return params;
}

export function pickScimFilterParams(searchParams: Record<string, string | string[] | undefined>): ScimFilterParams {
  return pickParams(searchParams, SCIM_FILTER_KEYS);
}
