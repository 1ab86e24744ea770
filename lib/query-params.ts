import { z } from "zod";

// Zod fields for filters that arrive as URL parameters (GET forms, links): empty means absent.

/** Trimmed text of at most `max` characters; "" becomes undefined. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((value) => value || undefined)
    .optional();

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * An instant: "2026-12-05T10:30" as <input type="datetime-local"> sends it (read as UTC, which the pages say), or a
 * full ISO 8601 instant (links carry those).
 */
export const optionalInstant = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const date = new Date(LOCAL_DATE_TIME.test(value) ? `${value}Z` : value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time." });
      return z.NEVER;
    }
    return date;
  });

/** The first value of each of `keys` in a Next.js searchParams object. */
export function pickParams<K extends string>(searchParams: Record<string, string | string[] | undefined>, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = searchParams[key];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** "2026-12-05T10:30" for a datetime-local input showing `date` in UTC. */
export function toDateTimeLocal(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 16) : "";
}
