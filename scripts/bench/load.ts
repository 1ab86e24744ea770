// A small closed-loop HTTP load generator: C workers, each on its own keep-alive connection, send a request as
// soon as the previous answer is read, for a fixed time after a warm-up; every latency is recorded.
import http from "node:http";

export interface RequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Reply {
  status: number;
  body: Buffer;
}

export interface Target {
  name: string;
  host: string;
  port: number;
}

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult extends LatencyStats {
  /** Completed requests (successes and errors) in the measured window. */
  requests: number;
  errors: number;
  /** Successful requests per second in the measured window. */
  throughput: number;
  seconds: number;
  concurrency: number;
  meanResponseBytes: number;
  firstError?: { status: number; body: string };
}

export class HttpClient {
  private readonly agent: http.Agent;

  constructor(readonly target: Target, connections: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  send(spec: RequestSpec): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...spec.headers };
      const body = spec.body !== undefined ? Buffer.from(spec.body, "utf8") : undefined;
      if (body) headers["content-length"] = body.length;
      const req = http.request(
        { host: this.target.host, port: this.target.port, method: spec.method, path: spec.path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Nearest-rank percentiles over latencies in milliseconds. */
export function latencyStats(samples: number[]): LatencyStats {
  if (samples.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}

export interface LoadOptions {
  client: HttpClient;
  concurrency: number;
  seconds: number;
  warmupSeconds: number;
  /** The next request of worker `worker` (called once per request, warm-up included). */
  next: (worker: number) => RequestSpec;
  ok?: (status: number) => boolean;
}

const is2xx = (status: number) => status >= 200 && status < 300;

/** Runs the closed loop; requests that start during the warm-up are not recorded. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const ok = options.ok ?? is2xx;
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let firstError: { status: number; body: string } | undefined;
  const warmupEnds = performance.now() + options.warmupSeconds * 1000;
  const ends = warmupEnds + options.seconds * 1000;
  let measuredFrom = Infinity;
  let measuredTo = 0;

  const worker = async (id: number) => {
    for (;;) {
      const startedAt = performance.now();
      if (startedAt >= ends) return;
      const measured = startedAt >= warmupEnds;
      let status = 0;
      let body = "";
      let size = 0;
      try {
        const reply = await options.client.send(options.next(id));
        status = reply.status;
        size = reply.body.length;
        if (!ok(status)) body = reply.body.toString("utf8");
      } catch (e) {
        body = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
      const finishedAt = performance.now();
      if (!measured) continue;
      measuredFrom = Math.min(measuredFrom, startedAt);
      measuredTo = Math.max(measuredTo, finishedAt);
      latencies.push(finishedAt - startedAt);
      bytes += size;
      if (!ok(status)) {
        errors++;
        firstError ??= { status, body: body.slice(0, 2000) };
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i)));
  const seconds = measuredTo > measuredFrom ? (measuredTo - measuredFrom) / 1000 : options.seconds;
  const stats = latencyStats(latencies);
  return {
    ...stats,
    requests: latencies.length,
    errors,
    throughput: (latencies.length - errors) / seconds,
    seconds,
    concurrency: options.concurrency,
    meanResponseBytes: latencies.length ? bytes / latencies.length : 0,
    ...(firstError ? { firstError } : {}),
  };
}
