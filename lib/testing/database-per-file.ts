// Runs before each integration test file: clone the migrated template into a database of the file's own and
// point DATABASE_URL at it before any module creates a Prisma client.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

const serverUrl = inject("pgServerUrl");
const name = `portal_test_${crypto.randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}" TEMPLATE "portal_test_template"`);
await admin.end();

const url = new URL(serverUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();
process.env.APP_SECRET ??= "integration-tests-secret-0123456789abcdef";
process.env.APP_URL ??= "http://localhost:3000";

afterAll(async () => {
  // Background writers (SCIM request log, token last-use) finish before the database goes away.
  const [{ closeScimRequestLog }, { flushScimTokenUseWrites }] = await Promise.all([
    import("@/lib/scim-activity/request-log-writer"),
    import("@/lib/tokens/authenticate"),
  ]);
  await closeScimRequestLog();
  await flushScimTokenUseWrites();
  const holder = globalThis as unknown as { portalDb?: { $disconnect(): Promise<void> } };
  await holder.portalDb?.$disconnect();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();
});
