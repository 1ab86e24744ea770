// CPU time per process tree from /proc (Linux), to tell where a scenario spends the machine's two cores:
// the portal, the bare server, PostgreSQL, the load generator, or something else running on the box.
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // rest[0] = state (field 3), so field n is rest[n - 3]: ppid 4, utime 14, stime 15.
    return { pid, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  return entries.filter((e) => /^\d+$/.test(e)).map((e) => readStat(Number(e))).filter((s): s is ProcStat => s !== null);
}

/** CPU ticks per pid of the process trees rooted at `roots`. */
function treeTicks(stats: ProcStat[], roots: number[]): Map<number, number> {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const ticks = new Map<number, number>();
  const visit = (pid: number) => {
    if (ticks.has(pid)) return;
    ticks.set(pid, byPid.get(pid)?.ticks ?? 0);
    for (const child of children.get(pid) ?? []) visit(child.pid);
  };
  roots.forEach(visit);
  return ticks;
}

function systemBusyTicks(): number {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return user + nice + system + irq + softirq + steal;
  } catch {
    return 0;
  }
}

export type ProcessGroups = Record<string, number[]>;

export interface CpuSnapshot {
  at: number;
  groups: Record<string, Map<number, number>>;
  self: NodeJS.CpuUsage;
  systemBusy: number;
}

export interface CpuUsage {
  /** CPU seconds per wall second (1.0 = one core busy), per group, plus "loadgen" and "other". */
  cores: Record<string, number>;
}

export function cpuSnapshot(groups: ProcessGroups): CpuSnapshot {
  const stats = allStats();
  return {
    at: performance.now(),
    groups: Object.fromEntries(Object.entries(groups).map(([name, roots]) => [name, treeTicks(stats, roots)])),
    self: process.cpuUsage(),
    systemBusy: systemBusyTicks(),
  };
}

export function cpuSince(before: CpuSnapshot, groups: ProcessGroups): CpuUsage {
  const after = cpuSnapshot(groups);
  const wall = (after.at - before.at) / 1000;
  const cores: Record<string, number> = {};
  let accounted = 0;
  for (const name of Object.keys(groups)) {
    // Per process: a process that exited in between loses its last ticks (never a negative figure); one that
    // started counts from zero.
    const was = before.groups[name] ?? new Map<number, number>();
    let ticks = 0;
    for (const [pid, now] of after.groups[name] ?? []) ticks += Math.max(0, now - (was.get(pid) ?? 0));
    const seconds = ticks / TICKS_PER_SECOND;
    cores[name] = seconds / wall;
    accounted += seconds;
  }
  const self = process.cpuUsage(before.self);
  const selfSeconds = (self.user + self.system) / 1e6;
  cores.loadgen = selfSeconds / wall;
  accounted += selfSeconds;
  const busy = (after.systemBusy - before.systemBusy) / TICKS_PER_SECOND;
  cores.other = Math.max(0, busy - accounted) / wall;
  return { cores };
}
