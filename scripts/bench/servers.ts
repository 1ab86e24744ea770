// The two servers under test: the portal's production server (scripts/portal-server.mjs) and the bare http + pg
// baseline.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, execSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { benchDir, root } from "./config";

export interface RunningServer {
  name: string;
  pid: number;
  port: number;
  stop: () => Promise<void>;
  /** The last lines the process wrote (for error reports). */
  output: () => string;
}

const nextBin = path.join(root, "node_modules/next/dist/bin/next");

/** The newest modification time of the sources a build depends on (as scripts/start.mjs checks it). */
function newestSourceTime(): number {
  const skip = new Set(["node_modules", ".next", "generated", ".data"]);
  let newest = 0;
  const visit = (p: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) if (!skip.has(entry)) visit(path.join(p, entry));
    } else if (!/\.(test|int\.test|property\.int\.test)\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const p of ["app", "components", "lib", "next.config.ts", "prisma/schema.prisma"]) visit(path.join(root, p));
  return newest;
}

/**
 * Runs `next build` when there is no production build yet (an existing one is used as it is). `stale` tells
 * whether sources (tests aside) changed after the build: then the figures describe the build, not the tree.
 */
export function ensureBuild(log: (message: string) => void): { buildId: string; builtAt: Date; rebuilt: boolean; stale: boolean } {
  const buildIdFile = path.join(root, ".next", "BUILD_ID");
  let rebuilt = false;
  if (!fs.existsSync(buildIdFile)) {
    log("no production build (.next/BUILD_ID): running next build…");
    const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) throw new Error("next build failed");
    rebuilt = true;
  }
  const builtAt = fs.statSync(buildIdFile).mtime;
  return { buildId: fs.readFileSync(buildIdFile, "utf8").trim(), builtAt, rebuilt, stale: newestSourceTime() > builtAt.getTime() };
}

/**
 * A production build of the committed HEAD, independent of the working tree (other work in progress, a stale
 * .next): `git archive HEAD` into a folder under the system's temporary directory, node_modules hard-linked
 * from the repository (cp -al; a full copy when hard links fail), `prisma generate`, `next build`. Reused while
 * HEAD does not change. Returns the project folder to serve.
 */
export function buildHead(log: (message: string) => void): { dir: string; commit: string; buildId: string } {
  const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root }).toString().trim();
  const dir = path.join(os.tmpdir(), `scim-bench-head-${commit.slice(0, 12)}`);
  const buildIdFile = path.join(dir, ".next", "BUILD_ID");
  if (!fs.existsSync(buildIdFile)) {
    log(`building HEAD ${commit.slice(0, 12)} in ${dir} (git archive, prisma generate, next build)…`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execSync(`git archive HEAD | tar -x -C ${JSON.stringify(dir)}`, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    try {
      execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
    } catch {
      fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true });
      execFileSync("cp", ["-a", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
    }
    const run = (args: string[]) => {
      const result = spawnSync(process.execPath, args, { cwd: dir, stdio: ["ignore", "inherit", "inherit"] });
      if (result.status !== 0) throw new Error(`${args.join(" ")} failed in ${dir}`);
    };
    run([path.join(dir, "node_modules/prisma/build/index.js"), "generate"]);
    run([path.join(dir, "node_modules/next/dist/bin/next"), "build"]);
  }
  return { dir, commit, buildId: fs.readFileSync(buildIdFile, "utf8").trim() };
}

/**
 * Copies the production build into .data/bench/app (a project folder whose node_modules, package.json and
 * config point back at the repository), so that a `next build` run elsewhere in the repository during the
 * benchmark cannot replace the files the server is reading. Returns the folder to serve.
 */
export function snapshotBuild(): string {
  const app = path.join(benchDir, "app");
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });
  const source = path.join(root, ".next");
  fs.cpSync(source, path.join(app, ".next"), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => path.relative(source, src).split(path.sep)[0] !== "cache",
  });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(app, "node_modules"));
  for (const file of ["package.json", "next.config.ts", "tsconfig.json"]) {
    if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(app, file));
  }
  if (fs.existsSync(path.join(root, "public"))) fs.symlinkSync(path.join(root, "public"), path.join(app, "public"));
  fs.symlinkSync(path.join(root, "lib"), path.join(app, "lib")); // next.config.ts imports from lib/
  return app;
}

/** Keeps the last lines of the child's output, and all of it in .data/bench/<name>.log. */
function tail(child: ChildProcess, name: string): () => string {
  const lines: string[] = [];
  const logFile = fs.createWriteStream(path.join(benchDir, `${name}.log`));
  child.once("exit", () => logFile.end());
  const keep = (chunk: Buffer) => {
    logFile.write(chunk);
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 80) lines.splice(0, lines.length - 80);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => lines.join("\n");
}

function stopper(child: ChildProcess): () => Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
    if ((await Promise.race([exited, timer])) === "timeout") {
      child.kill("SIGKILL");
      await exited;
    }
  };
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${url}: the server exited (${child.exitCode ?? child.signalCode})\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s\n${output()}`);
}

export async function startPortal(options: { dir: string; port: number; env: NodeJS.ProcessEnv; nodeArgs?: string[] }): Promise<RunningServer> {
  // The production server of the build's own sources (a HEAD build carries one), else the repository's. A build of a
  // commit from before scripts/portal-server.mjs existed is served by `next start`, as it was then.
  const ownServer = path.join(options.dir, "scripts/portal-server.mjs");
  const isSnapshot = !fs.existsSync(path.join(options.dir, "app")); // a copy of .next alone (snapshotBuild)
  const server = fs.existsSync(ownServer) ? ownServer : isSnapshot ? path.join(root, "scripts/portal-server.mjs") : null;
  const args = server
    ? [server, "--dir", options.dir, "--port", String(options.port), "--hostname", "127.0.0.1"]
    : [nextBin, "start", options.dir, "--port", String(options.port), "--hostname", "127.0.0.1"];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
    cwd: root,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = tail(child, "portal");
  const stop = stopper(child);
  try {
    await waitForHttp(`http://127.0.0.1:${options.port}/api/health`, child, output, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { name: "portal", pid: child.pid!, port: options.port, stop, output };
}

export async function startBareServer(options: { port: number; env: NodeJS.ProcessEnv }): Promise<RunningServer> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/bench/bare-server.ts")], {
    cwd: root,
    env: { ...options.env, BARE_PORT: String(options.port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = tail(child, "bare-server");
  const stop = stopper(child);
  // Any path answers (404 for anything but GET /Users): an answer means it listens.
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bare server exited\n${output()}`);
    try {
      await fetch(`http://127.0.0.1:${options.port}/ping`, { signal: AbortSignal.timeout(2_000) });
      break;
    } catch {
      if (Date.now() > until) {
        await stop();
        throw new Error(`the bare server did not start\n${output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { name: "bare", pid: child.pid!, port: options.port, stop, output };
}
