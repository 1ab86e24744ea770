// The baseline of `npm run bench:scim`: a bare Node http + pg server answering
// GET /Users?filter=userName eq "..." with exactly the SQL the portal runs for it: the same two statements (the
// token by its keyed hash, then the page of users with their groups, as lib/ builds them), under the same
// prepared-statement names, on a plain pg.Pool; and a minimal ListResponse. What separates the two servers is then
// everything but PostgreSQL: HTTP handling, the ORM, validation, rendering, logging. Run as a child process by scim.ts:
//   node --import tsx scripts/bench/bare-server.ts    (env: DATABASE_URL, APP_SECRET, BARE_PORT, BARE_POOL_SIZE)
import http from "node:http";
import pg from "pg";

const { hashToken } = await import("@/lib/tokens/token-hash");
const { hasValidShape } = await import("@/lib/tokens/token-format");
const { TOKEN_BY_HASH_SQL } = await import("@/lib/tokens/authenticate");
const { statementName } = await import("@/lib/db");
const { directoryListSql } = await import("@/lib/directory/list-resources");
const { parseFilter } = await import("@/lib/scim/filter");

const port = Number(process.env.BARE_PORT || 3191);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BARE_POOL_SIZE || 20) });
pool.on("error", () => {});

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const FILTER = /^userName eq "((?:[^"\\]|\\.)*)"$/i;
const BEARER = /^Bearer\s+(\S+)$/i;

// The portal's list statement, built once by lib/ for placeholder values that each request then replaces.
const ACCOUNT = "00000000-0000-4000-8000-00000000abcd";
const SAMPLE = "Bare-Sample-User@Bare.invalid"; // not lowercase: the statement takes it both as given and as its key
const lookup = directoryListSql(ACCOUNT, "User", { filter: parseFilter("User", `userName eq "${SAMPLE}"`), sortOrder: "ascending", startIndex: 1, count: 100, withUserGroups: true }).page!;
const lookupName = statementName(lookup.text);
const tokenName = statementName(TOKEN_BY_HASH_SQL);

interface TokenRow {
  id: string;
  accountId: string;
  revoked: boolean;
  expired: boolean;
}

interface UserRow {
  id: string;
  externalId: string | null;
  attributes: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  groups: { value: string; display: string; direct: boolean }[];
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/scim+json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

const error = (status: number, detail: string) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: String(status), detail });

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://bare");
  if (req.method !== "GET" || url.pathname !== "/Users") return reply(res, 404, error(404, "Only GET /Users?filter=userName eq is served here."));
  const token = BEARER.exec(req.headers.authorization ?? "")?.[1];
  if (!token || !hasValidShape(token)) return reply(res, 401, error(401, "The bearer token is missing or malformed."));
  const tokens = await pool.query<TokenRow>({ name: tokenName, text: TOKEN_BY_HASH_SQL, values: [hashToken(token)] });
  const row = tokens.rows[0];
  if (!row || row.revoked || row.expired) return reply(res, 401, error(401, "The bearer token is not valid."));
  const match = FILTER.exec(url.searchParams.get("filter") ?? "");
  if (!match) return reply(res, 400, error(400, 'Only filter=userName eq "..." is supported.'));
  const userName = JSON.parse(`"${match[1]}"`) as string;
  const key = userName.trim().toLowerCase();
  const values = lookup.values.map((v) => (v === ACCOUNT ? row.accountId : v === SAMPLE ? userName : v === SAMPLE.toLowerCase() ? key : v));
  const users = await pool.query<UserRow>({ name: lookupName, text: lookup.text, values });
  const base = `http://${req.headers.host ?? "localhost"}`;
  const resources = users.rows.map((u) => ({
    schemas: [CORE, ...Object.keys(u.attributes).filter((k) => k.startsWith("urn:"))],
    id: u.id,
    ...(u.externalId !== null ? { externalId: u.externalId } : {}),
    ...u.attributes,
    groups: u.groups.map((g) => ({ value: g.value, display: g.display, type: g.direct ? "direct" : "indirect", $ref: `${base}/Groups/${g.value}` })),
    meta: { resourceType: "User", created: u.createdAt.toISOString(), lastModified: u.updatedAt.toISOString(), version: `W/"${u.version}"`, location: `${base}/Users/${u.id}` },
  }));
  reply(res, 200, { schemas: [LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((e: unknown) => {
    if (!res.headersSent) reply(res, 500, error(500, e instanceof Error ? e.message : String(e)));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`bare server listening on 127.0.0.1:${port}`));

const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
