// The printed report of `npm run bench:scim` (the same data goes to .data/bench/scim-report.json).
import type { BenchConfig } from "./config";
import type { CpuUsage } from "./cpu";
import { formatCpuProfile, type ProfileSummary } from "./cpu-profile";
import type { LoadResult } from "./load";
import type { SeedResult } from "./seed";
import type { SqlStats } from "./sql-stats";

export interface Goal {
  /** The target as PRODUCT.md states it. */
  text: string;
  /** null: informative only (e.g. the 1,000,000-user target measured at another size). */
  met: boolean | null;
}

export interface ScenarioResult {
  id: string;
  title: string;
  server: "portal" | "bare";
  load: LoadResult;
  cpu?: CpuUsage;
  sql?: SqlStats;
  goals: Goal[];
  notes?: string[];
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  config: BenchConfig;
  environment: Record<string, unknown>;
  seed: SeedResult;
  scenarios: ScenarioResult[];
  lookupRatio: { portalPerSecond: number; barePerSecond: number; bareOverPortal: number; p95Ratio: number } | null;
  groupWithMembers: { ms: number; bytes: number; members: number; status: number } | null;
  checks: { name: string; ok: boolean; detail: string }[];
  cpuProfile?: { file: string; summaries: ProfileSummary[] };
}

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : "-");
const rate = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : "-");
const verdict = (g: Goal) => (g.met === null ? "(info)" : g.met ? "MET" : "MISSED");

function table(header: string[], rows: string[][], alignRight: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (alignRight[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function formatReport(report: BenchReport): string {
  const out: string[] = [];
  const users = report.seed.users.toLocaleString("en-US");
  out.push("", `SCIM benchmark — ${users} directory users, big group of ${report.seed.groupMembers.toLocaleString("en-US")} members`);
  out.push(`seeding: ${(report.seed.totalMs / 1000).toFixed(1)} s (${report.seed.timings.map((t) => `${t.step} ${(t.ms / 1000).toFixed(1)} s`).join("; ")})`);
  const env = report.environment;
  out.push(`machine: ${String(env.cpus)} cores, load average before the run ${String(env.loadAverageBefore)}, after ${String(env.loadAverageAfter)}; node ${String(env.node)}`);
  out.push(`build ${String(env.buildId)} of ${String(env.builtAt)}, ${String(env.buildSource)}${env.buildStale ? " (sources changed since: the figures describe this build, not the working tree)" : ""}`);
  out.push("");

  const rows = report.scenarios.map((s) => {
    const l = s.load;
    const goals = s.goals.map((g) => `${g.text} ${verdict(g)}`).join("; ");
    return [s.title, s.server, String(l.concurrency), String(l.requests), rate(l.throughput), ms(l.p50), ms(l.p95), ms(l.p99), ms(l.max), String(l.errors), goals];
  });
  out.push(table(["scenario", "server", "c", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "target (PRODUCT.md)"], rows, [false, false, true, true, true, true, true, true, true, true, false]));
  out.push("");
  if (report.lookupRatio) {
    const r = report.lookupRatio;
    out.push(
      `userName eq lookup, portal vs bare (c=${report.scenarios.find((s) => s.id === "lookup-portal")?.load.concurrency ?? "?"}): ` +
        `${rate(r.portalPerSecond)} vs ${rate(r.barePerSecond)} req/s — bare/portal = ${r.bareOverPortal.toFixed(2)}x ` +
        `(target: within 2x, ${r.bareOverPortal <= 2 ? "MET" : "MISSED"}); p95 portal/bare = ${r.p95Ratio.toFixed(2)}x`,
    );
  }
  if (report.groupWithMembers) {
    const g = report.groupWithMembers;
    out.push(`GET group WITH members (once): ${ms(g.ms)} ms, ${(g.bytes / 1e6).toFixed(2)} MB, ${g.members.toLocaleString("en-US")} members, status ${g.status}`);
  }
  for (const s of report.scenarios) {
    if (s.load.firstError) out.push(`first error of "${s.title}": HTTP ${s.load.firstError.status} ${s.load.firstError.body.slice(0, 600)}`);
    for (const note of s.notes ?? []) out.push(`${s.title}: ${note}`);
  }
  for (const c of report.checks) out.push(`check ${c.ok ? "ok  " : "FAIL"} ${c.name}: ${c.detail}`);

  const withCpu = report.scenarios.filter((s) => s.cpu);
  if (withCpu.length) {
    const other = withCpu.reduce((sum, s) => sum + (s.cpu!.cores.other ?? 0), 0) / withCpu.length;
    out.push("", `Other processes on the machine used ${other.toFixed(2)} of the 2 cores on average during the measured windows${other > 0.3 ? ": the figures are depressed by that much contention" : ""}.`);
    out.push("", "CPU (cores busy on average during the measured window; 2 cores in all):");
    const names = ["portal", "bare", "postgres", "loadgen", "other"];
    out.push(
      table(
        ["scenario", ...names, "portal ms CPU/req", "pg ms CPU/req"],
        withCpu.map((s) => {
          const c = s.cpu!.cores;
          const perReq = (name: string) => (s.load.requests && c[name] !== undefined ? (c[name] * s.load.seconds * 1000) / s.load.requests : NaN);
          return [s.title, ...names.map((n) => (c[n] === undefined ? "-" : c[n].toFixed(2))), ms(perReq(s.server === "bare" ? "bare" : "portal")), ms(perReq("postgres"))];
        }),
        [false, true, true, true, true, true, true, true],
      ),
    );
  }

  const withSql = report.scenarios.filter((s) => s.sql);
  if (withSql.length) {
    out.push("", "SQL per request (pg_stat_statements; execution time inside PostgreSQL, not round trips):");
    for (const s of withSql) {
      const q = s.sql!;
      out.push(`  ${s.title}: ${q.statementsPerRequest.toFixed(2)} statements/request, ${q.dbMsPerRequest.toFixed(2)} ms/request in PostgreSQL`);
      for (const t of q.top.slice(0, 6)) {
        out.push(`    ${t.callsPerRequest.toFixed(2)}/req  mean ${t.meanMs.toFixed(3)} ms  ${(t.share * 100).toFixed(0)}%  ${t.query.slice(0, 150)}`);
      }
    }
  }
  if (report.cpuProfile) {
    out.push("", `CPU profile of the portal: ${report.cpuProfile.file}`);
    for (const summary of report.cpuProfile.summaries) out.push("", formatCpuProfile(summary));
  }
  out.push("");
  return out.join("\n");
}
