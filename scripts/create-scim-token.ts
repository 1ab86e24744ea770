// Creates a SCIM bearer token for an account and prints it once, with the account's SCIM endpoint URL.
//   npm run scim:token -- --account acme [--name "Okta"] [--expires-in-days 90]
// Uses $DATABASE_URL, or the embedded PostgreSQL under $DATA_DIR when it is unset, and the same APP_SECRET as
// the server (the token hash is keyed by it: a token hashed under another secret would never authenticate).
import { parseArgs } from "node:util";
import { openDatabase } from "./lib/database-url.mjs";
import { appSecret } from "./lib/app-secret.mjs";

const USAGE = 'usage: npm run scim:token -- --account <slug> [--name "Okta"] [--expires-in-days 90]';

const { values } = parseArgs({
  options: { account: { type: "string" }, name: { type: "string" }, "expires-in-days": { type: "string" } },
});
if (!values.account) {
  console.error(USAGE);
  process.exit(2);
}
let expiresAt: Date | undefined;
const days = values["expires-in-days"];
if (days !== undefined) {
  if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 3650) {
    console.error(`--expires-in-days must be a whole number of days from 1 to 3650.\n${USAGE}`);
    process.exit(2);
  }
  expiresAt = new Date(Date.now() + Number(days) * 86_400_000);
}

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
process.env.APP_SECRET ??= appSecret();
// The same default as `npm start`.
process.env.APP_URL ||= `http://localhost:${process.env.PORT || 3000}`;
try {
  const { findAccountBySlug } = await import("@/lib/accounts/find-account");
  const { createScimToken } = await import("@/lib/tokens/create-token");
  const { isScimTokenError } = await import("@/lib/tokens/errors");
  const { db } = await import("@/lib/db");
  const { env } = await import("@/lib/env");
  const account = await findAccountBySlug(values.account);
  if (!account) throw new Error(`There is no account "${values.account}".`);
  try {
    const { token, record } = await createScimToken(db, {
      accountId: account.id,
      name: values.name,
      expiresAt,
      actor: { type: "SYSTEM", label: "scim:token command" },
    });
    const expiry = record.expiresAt ? `expires ${record.expiresAt.toISOString()}` : "does not expire";
    console.log(`Created SCIM token "${record.name}" (${record.displayHint}) for account "${account.slug}"; it ${expiry}.`);
    console.log(`SCIM endpoint: ${env().APP_URL.replace(/\/+$/, "")}/scim/v2`);
    console.log("Token (shown only now, it cannot be retrieved later):");
    console.log(token);
  } catch (e) {
    if (!isScimTokenError(e)) throw e;
    console.error(e.message);
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
