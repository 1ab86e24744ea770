// Formatting for display. Fixed locale and time zone so the server and the browser render the same text.
const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const timestamp = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export function formatDateTime(value: Date): string {
  return `${dateTime.format(value)} UTC`;
}

/** To the second, for logs: "5 Dec 2026, 10:30:15 UTC". */
export function formatTimestamp(value: Date): string {
  return `${timestamp.format(value)} UTC`;
}

export function formatDate(value: Date): string {
  return date.format(value);
}

export function formatCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? singular : plural}`;
}
