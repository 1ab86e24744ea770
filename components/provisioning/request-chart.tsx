"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";

export interface RequestSeriesBucket {
  start: Date;
  requests: number;
  errors: number;
}

export type RequestSeriesRange = "24h" | "7d";

const RANGES: { id: RequestSeriesRange; label: string; unit: string; description: string }[] = [
  { id: "24h", label: "24 hours", unit: "hour", description: "per hour over the last 24 hours" },
  { id: "7d", label: "7 days", unit: "day", description: "per day over the last 7 days" },
];

// Fixed locale and time zone: the server and the browser render the same text.
const hourFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const number = (n: number) => n.toLocaleString("en-GB");

const WIDTH = 640;
const HEIGHT = 180;
const PLOT = { left: 44, right: 8, top: 12, bottom: 28 };

/** The smallest 1, 2 or 5 × 10^k at or above `value` (so the axis reads in round numbers). */
function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function bucketLabel(range: RequestSeriesRange, start: Date): string {
  return range === "24h" ? `${hourFormat.format(start)} UTC` : dayFormat.format(start);
}

function summary(range: RequestSeriesRange, buckets: RequestSeriesBucket[]): string {
  const meta = RANGES.find((r) => r.id === range)!;
  const requests = buckets.reduce((n, b) => n + b.requests, 0);
  const errors = buckets.reduce((n, b) => n + b.errors, 0);
  if (requests === 0) return `No SCIM requests ${meta.description}.`;
  const busiest = buckets.reduce((a, b) => (b.requests > a.requests ? b : a));
  const failing = buckets.filter((b) => b.errors > 0).length;
  return (
    `${number(requests)} SCIM ${requests === 1 ? "request" : "requests"} and ${number(errors)} ${errors === 1 ? "error" : "errors"} ${meta.description}. ` +
    `Busiest ${meta.unit}: ${bucketLabel(range, busiest.start)}, with ${number(busiest.requests)}. ` +
    (errors ? `Errors occurred in ${failing} of ${buckets.length} ${meta.unit}s.` : "No errors.")
  );
}

/** SCIM requests and errors over time: an inline SVG bar chart with a 24-hour / 7-day switch and a table view. */
export function RequestChart({ series }: { series: Record<RequestSeriesRange, RequestSeriesBucket[]> }) {
  const [range, setRange] = useState<RequestSeriesRange>("24h");
  const id = useId();
  const buckets = series[range];
  const max = niceCeiling(Math.max(0, ...buckets.map((b) => b.requests)));
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / Math.max(1, buckets.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => PLOT.top + plotHeight - (value / max) * plotHeight;
  const labelEvery = range === "24h" ? 4 : 1;
  const text = summary(range, buckets);
  const meta = RANGES.find((r) => r.id === range)!;

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader
        titleId={`${id}-title`}
        title="Requests and errors"
        description="SCIM requests from your identity provider, and how many of them failed (status 400 and above)."
        actions={
          <div role="group" aria-label="Time range" className="inline-flex rounded-md border border-line-strong bg-surface p-0.5 shadow-xs">
            {RANGES.map((option) => (
              <button
                key={option.id}
                type="button"
                aria-pressed={range === option.id}
                onClick={() => setRange(option.id)}
                className={cn(
                  "rounded px-2.5 py-1 text-[0.8125rem] font-medium transition-colors",
                  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus",
                  range === option.id ? "bg-brand-600 text-white" : "text-fg-muted hover:bg-surface-hover hover:text-fg",
                )}
              >
                {option.label}
              </button>
            ))}
          </div>
        }
      />
      <CardBody className="space-y-3">
        <figure className="space-y-2">
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            role="img"
            aria-labelledby={`${id}-chart-title`}
            aria-describedby={`${id}-desc`}
            className="h-auto w-full"
            preserveAspectRatio="xMidYMid meet"
          >
            <title id={`${id}-chart-title`}>{`SCIM requests and errors ${meta.description}`}</title>
            <desc id={`${id}-desc`}>{text}</desc>
            {[0, max / 2, max].map((tick) => (
              <g key={tick} aria-hidden="true">
                <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(tick)} y2={y(tick)} className="stroke-line" strokeWidth={1} />
                <text x={PLOT.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-fg-subtle text-[10px] tabular-nums">
                  {number(Math.round(tick))}
                </text>
              </g>
            ))}
            {buckets.map((bucket, i) => {
              const x = PLOT.left + i * slot + (slot - barWidth) / 2;
              const label = bucketLabel(range, bucket.start);
              return (
                <g key={bucket.start.toISOString()}>
                  <title>{`${label}: ${number(bucket.requests)} requests, ${number(bucket.errors)} errors`}</title>
                  {bucket.requests > 0 ? (
                    <rect x={x} y={y(bucket.requests)} width={barWidth} height={y(0) - y(bucket.requests)} rx={1.5} className="fill-brand-300" />
                  ) : null}
                  {bucket.errors > 0 ? (
                    <rect x={x} y={y(bucket.errors)} width={barWidth} height={Math.max(1, y(0) - y(bucket.errors))} rx={1.5} className="fill-danger-500" />
                  ) : null}
                  {i % labelEvery === 0 || i === buckets.length - 1 ? (
                    <text x={x + barWidth / 2} y={HEIGHT - PLOT.bottom + 16} textAnchor="middle" className="fill-fg-subtle text-[10px]" aria-hidden="true">
                      {range === "24h" ? hourFormat.format(bucket.start) : dayFormat.format(bucket.start)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
          <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-[0.8125rem] text-fg-muted">
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2.5 rounded-sm bg-brand-300" /> Requests
            </span>
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2.5 rounded-sm bg-danger-500" /> Errors
            </span>
            <span>Times in UTC.</span>
            <Link
              href="/admin/scim-activity"
              className="ml-auto font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
            >
              Open the SCIM activity log
            </Link>
          </figcaption>
        </figure>
        <details>
          <summary className="w-fit cursor-pointer rounded-sm text-[0.8125rem] font-medium text-fg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus">
            Show as a table
          </summary>
          <Table caption={`SCIM requests and errors ${meta.description}`} wrapperClassName="mt-2 max-h-72 overflow-y-auto">
            <THead>
              <TR>
                <TH>{range === "24h" ? "Hour (UTC)" : "Day (UTC)"}</TH>
                <TH align="right">Requests</TH>
                <TH align="right">Errors</TH>
              </TR>
            </THead>
            <TBody>
              {buckets.map((bucket) => (
                <TR key={bucket.start.toISOString()}>
                  <TD>{bucketLabel(range, bucket.start)}</TD>
                  <TD align="right" className="tabular-nums">
                    {number(bucket.requests)}
                  </TD>
                  <TD align="right" className={cn("tabular-nums", bucket.errors > 0 && "font-medium text-danger-700")}>
                    {number(bucket.errors)}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </details>
      </CardBody>
    </Card>
  );
}
