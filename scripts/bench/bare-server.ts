// The baseline of `npm run bench:scim`: a bare Node http + pg server answering
// GET /Users?filter=userName eq "..." with the SQL the portal needs for it (the token by its keyed hash, then the
// user by accountId and userNameKey) and a minimal ListResponse. Run as a child process by scim.ts:
//   node --import tsx scripts/bench/bare-server.ts    (env: DATABASE_URL, APP_SECRET, BARE_PORT, BARE_POOL_SIZE)
import http from "node:http";
import pg from "pg";

const { hashToken } = await import("@/lib/tokens/token-hash");
const { hasValidShape } = await import("@/lib/tokens/token-format");

const port = Number(process.env.BARE_PORT || 3191);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BARE_POOL_SIZE || 20) });
pool.on("error", () => {});

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const FILTER = /^userName eq "((?:[^"\\]|\\.)*)"$/i;
const BEARER = /^Bearer\s+(\S+)$/i;

interface TokenRow {
  id: string;
  accountId: string;
  revoked: boolean;
  expired: boolean;
}

interface UserRow {
  id: string;
  attributes: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
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
  const tokens = await pool.query<TokenRow>(
    `SELECT t."id", t."accountId", t."name", t."secretHash",
            t."revokedAt" IS NOT NULL AS "revoked",
            COALESCE(t."expiresAt" <= now(), false) AS "expired",
            t."lastUsedAt" IS NULL AS "neverUsed",
            COALESCE(t."lastUsedAt" > now() - interval '1 minute', false) AS "recentlyUsed",
            p."state"::text AS "state"
     FROM "ScimToken" t LEFT JOIN "Provisioning" p ON p."accountId" = t."accountId"
     WHERE t."secretHash" = $1`,
    [hashToken(token)],
  );
  const row = tokens.rows[0];
  if (!row || row.revoked || row.expired) return reply(res, 401, error(401, "The bearer token is not valid."));
  const match = FILTER.exec(url.searchParams.get("filter") ?? "");
  if (!match) return reply(res, 400, error(400, 'Only filter=userName eq "..." is supported.'));
  const userName = JSON.parse(`"${match[1]}"`) as string;
  const users = await pool.query<UserRow>(
    `SELECT id::text AS id, attributes, version, "createdAt", "updatedAt" FROM "DirectoryUser" WHERE "accountId" = $1::uuid AND "userNameKey" = $2`,
    [row.accountId, userName.trim().toLowerCase()],
  );
  const base = `http://${req.headers.host ?? "localhost"}`;
  const resources = users.rows.map((u) => ({
    schemas: [CORE, ...Object.keys(u.attributes).filter((k) => k.startsWith("urn:"))],
    id: u.id,
    ...u.attributes,
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
