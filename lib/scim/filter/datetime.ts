// xsd:dateTime (RFC 7643 §2.3.5) parsing for filter values and stored values. A value without a time zone is
// taken as UTC (xsd leaves it "local", which a server shared by tenants in every zone cannot use). Years are
// limited to 0001-9999 so that every accepted value has a plain ISO 8601 rendering.

const XSD_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch, or undefined when `text` is not a valid xsd:dateTime. */
export function parseDateTime(text: string): number | undefined {
  const m = XSD_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = frac === undefined ? 0 : Number((frac + "00").slice(0, 3));
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 14 || zm > 59) return undefined;
    offsetMinutes = sign * (zh * 60 + zm);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear undoes that.
  const date = new Date(utc);
  date.setUTCFullYear(year);
  const result = date.getTime() - offsetMinutes * 60_000;
  return Number.isFinite(result) ? result : undefined;
}

/** The instant as "YYYY-MM-DDTHH:mm:ss.sssZ", or undefined when `text` is not a valid xsd:dateTime. */
export function normaliseDateTime(text: string): string | undefined {
  const ms = parseDateTime(text);
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  // A zone offset can move 0001-01-01 or 9999-12-31 out of the four-digit range.
  return year >= 1 && year <= 9999 ? date.toISOString() : undefined;
}
