// Per-scenario SQL statistics from pg_stat_statements: which statements a request runs, how often, how long.
import pg from "pg";

export interface StatementStat {
  query: string;
  calls: number;
  callsPerRequest: number;
  meanMs: number;
  totalMs: number;
  /** Share of the scenario's total statement time. */
  share: number;
  rowsPerCall: number;
}

export interface SqlStats {
  statementsPerRequest: number;
  /** Statement execution time summed over all statements, per request (ms). */
  dbMsPerRequest: number;
  top: StatementStat[];
}

export class SqlStatsCollector {
  private constructor(private readonly client: pg.Client) {}

  static async open(url: string): Promise<SqlStatsCollector> {
    const client = new pg.Client({ connectionString: url, application_name: "bench-sql-stats" });
    client.on("error", () => {});
    await client.connect();
    return new SqlStatsCollector(client);
  }

  async reset(): Promise<void> {
    await this.client.query("SELECT pg_stat_statements_reset()");
  }

  /** Statements run in this database since the last reset (ours excluded), for `requests` requests. */
  async collect(requests: number, limit = 8): Promise<SqlStats> {
    const { rows } = await this.client.query<{ query: string; calls: string; total: number; mean: number; rows: string }>(
      `SELECT s.query, s.calls::text AS calls, s.total_exec_time AS total, s.mean_exec_time AS mean, s.rows::text AS rows
       FROM pg_stat_statements s
       WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND s.query NOT ILIKE '%pg_stat_statements%'
       ORDER BY s.total_exec_time DESC`,
    );
    const per = Math.max(1, requests);
    const totalMs = rows.reduce((sum, r) => sum + r.total, 0);
    const totalCalls = rows.reduce((sum, r) => sum + Number(r.calls), 0);
    return {
      statementsPerRequest: totalCalls / per,
      dbMsPerRequest: totalMs / per,
      top: rows.slice(0, limit).map((r) => ({
        query: r.query.replace(/\s+/g, " ").trim(),
        calls: Number(r.calls),
        callsPerRequest: Number(r.calls) / per,
        meanMs: r.mean,
        totalMs: r.total,
        share: totalMs > 0 ? r.total / totalMs : 0,
        rowsPerCall: Number(r.calls) > 0 ? Number(r.rows) / Number(r.calls) : 0,
      })),
    };
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
