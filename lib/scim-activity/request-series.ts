import { db } from "@/lib/db";

export type SeriesRange = "24h" | "7d";

export interface SeriesBucket {
  /** Start of the bucket (UTC hour or UTC day). */
  start: Date;
  requests: number;
  errors: number;
}

const RANGES: Record<SeriesRange, { step: string; buckets: number }> = {
  "24h": { step: "1 hour", buckets: 24 },
  "7d": { step: "1 day", buckets: 7 },
};

/**
 * SCIM requests and errors (status 400 and above) of the account per hour over the last 24 hours, or per day over the
 * last 7 days, the current bucket last. One statement: the buckets come from generate_series (empty ones too), the
 * counts from date_bin over the (accountId, occurredAt) index range, buckets aligned on UTC hours and days.
 */
export async function getRequestSeries(accountId: string, range: SeriesRange, now = new Date()): Promise<SeriesBucket[]> {
  const { step, buckets } = RANGES[range];
  const rows = await db.$queryRaw<{ start: Date; requests: number; errors: number }[]>`
    WITH bounds AS (
      SELECT date_bin(${step}::interval, ${now}::timestamptz, timestamptz '2000-01-01 00:00:00+00') AS last_bucket
    ), buckets AS (
      SELECT generate_series(last_bucket - (${buckets - 1} * ${step}::interval), last_bucket, ${step}::interval) AS start FROM bounds
    ), counts AS (
      SELECT date_bin(${step}::interval, "occurredAt", timestamptz '2000-01-01 00:00:00+00') AS start,
             count(*)::int AS requests, count(*) FILTER (WHERE status >= 400)::int AS errors
      FROM "ScimRequestLog"
      WHERE "accountId" = ${accountId}::uuid
        AND "occurredAt" >= (SELECT last_bucket - (${buckets - 1} * ${step}::interval) FROM bounds)
        AND "occurredAt" < (SELECT last_bucket + ${step}::interval FROM bounds)
      GROUP BY 1
    )
    SELECT b.start, coalesce(c.requests, 0)::int AS requests, coalesce(c.errors, 0)::int AS errors
    FROM buckets b LEFT JOIN counts c ON c.start = b.start
    ORDER BY b.start`;
  return rows;
}
