// Verifies an account's audit hash chain and points at the first broken link.
//   npm run audit:verify -- --account acme
// Exit status: 0 when the chain verifies, 1 when it is broken (or the check could not run), 2 on a usage error.
// Uses $DATABASE_URL, or the embedded PostgreSQL under $DATA_DIR when it is unset (stop `npm start` first, or set
// DATABASE_URL).
import { parseArgs } from "node:util";
import { openDatabase } from "./lib/database-url.mjs";
import { appSecret } from "./lib/app-secret.mjs";

const USAGE = "usage: npm run audit:verify -- --account <slug>";

let slug: string | undefined;
try {
  slug = parseArgs({ options: { account: { type: "string" } } }).values.account;
} catch (e) {
  console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  process.exit(2);
}
if (!slug) {
  console.error(USAGE);
  process.exit(2);
}

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
process.env.APP_SECRET ??= appSecret();
try {
  const { findAccountBySlug } = await import("@/lib/accounts/find-account");
  const { verifyAuditChain } = await import("@/lib/audit/verify-chain");
  const account = await findAccountBySlug(slug);
  if (!account) throw new Error(`There is no account "${slug}".`);
  const started = performance.now();
  const result = await verifyAuditChain(account.id);
  const took = `${Math.round(performance.now() - started)} ms`;
  if (result.ok) {
    console.log(`The audit chain of "${account.slug}" verifies: ${result.events.toLocaleString("en-GB")} events, up to event #${result.lastSeq} (${took}).`);
  } else {
    console.error(
      `The audit chain of "${account.slug}" is BROKEN at event #${result.brokenAtSeq}${result.eventId ? ` (id ${result.eventId})` : ""}: ${result.reason}.`,
    );
    process.exitCode = 1;
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await database.stop();
}
