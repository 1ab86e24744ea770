// Summary of a V8 .cpuprofile (written by `node --cpu-prof`): where the portal's CPU time goes, by function and
// by package, to find per-request overhead. Self time = samples whose top frame is the function.
import fs from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  /** The scenario whose measured window this covers, or "whole run". */
  window: string;
  totalMs: number;
  /** Self time by package (node_modules/<pkg>), "app" for the portal's own bundled code, "node" for built-ins. */
  byPackage: ProfileEntry[];
  /** Self time of the heaviest functions. */
  byFunction: ProfileEntry[];
  /** Inclusive time of every function whose name matches one of the watched names (what a request spends in them). */
  inclusive: ProfileEntry[];
}

function packageOf(url: string): string {
  if (!url) return "(native/gc/idle)";
  if (url.startsWith("node:")) return "node";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.includes("/.next/server/")) return "app (.next/server)";
  return path.basename(url);
}

const WATCHED = /^(handleScimRequest|authenticateScimRequest|route|listResources|listDirectoryRows|renderUser|renderGroup|renderResource|parseFilter|filterToSql|parseResource|applyPatch|createUser|replaceUser|patchGroup|getGroup|\$transaction|_transactionWithCallback|_executeRequest|request|JSON\.parse|stringify|parse)$/;

export interface ProfileWindow {
  name: string;
  /** Milliseconds before the end of the profile (the portal's exit) at which the window starts and ends. */
  startsBeforeEndMs: number;
  endsBeforeEndMs: number;
}

/** One summary for the whole profile, then one per window (a scenario's measured seconds). */
export function summariseCpuProfile(file: string, windows: ProfileWindow[] = [], top = 25): ProfileSummary[] {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const whole = summarise(profile, "whole run", () => true, top);
  return [
    whole,
    ...windows.map((w) => {
      const from = profile.endTime - w.startsBeforeEndMs * 1000;
      const to = profile.endTime - w.endsBeforeEndMs * 1000;
      return summarise(profile, w.name, (t) => t >= from && t < to, Math.min(top, 15));
    }),
  ];
}

function summarise(profile: CpuProfile, window: string, inWindow: (timestampUs: number) => boolean, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from samples and time deltas (more exact than hitCount x interval).
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let timestamp = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    timestamp += deltas[i] ?? 0;
    if (!inWindow(timestamp)) continue;
    const next = deltas[i + 1] ?? 0;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, next));
  }
  const idle = (n: ProfileNode) => n.callFrame.functionName === "(idle)" || n.callFrame.functionName === "(program)";
  let totalUs = 0;
  const pkg = new Map<string, number>();
  const fn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node || idle(node)) continue;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const p = packageOf(url);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
    const key = `${functionName || "(anonymous)"} ${p}${url ? `:${lineNumber + 1}` : ""}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    // Inclusive: credit each watched function once per sample stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)?.callFrame.functionName ?? "";
      if (WATCHED.test(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + us);
      }
    }
  }
  const entries = (map: Map<string, number>, limit: number): ProfileEntry[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: totalUs ? us / totalUs : 0 }));
  return { window, totalMs: totalUs / 1000, byPackage: entries(pkg, 12), byFunction: entries(fn, top), inclusive: entries(inclusive, 12) };
}

export function formatCpuProfile(summary: ProfileSummary): string {
  const line = (e: ProfileEntry) => `  ${e.selfMs.toFixed(0).padStart(7)} ms ${(e.share * 100).toFixed(1).padStart(5)}%  ${e.name}`;
  return [
    `Portal CPU profile, ${summary.window}: ${(summary.totalMs / 1000).toFixed(2)} s of CPU (idle excluded)`,
    " self time by package:",
    ...summary.byPackage.map(line),
    " heaviest functions (self time):",
    ...summary.byFunction.map(line),
    " inclusive time of watched functions:",
    ...summary.inclusive.map(line),
  ].join("\n");
}

/**
 * The profile of the busiest thread in `dir` (the largest .cpuprofile), if any: the server's main thread, not the
 * cluster primary nor tsx's module-loader thread, which write profiles of their own.
 */
export function busiestProfile(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(dir, f));
  files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  return files[0] ?? null;
}
