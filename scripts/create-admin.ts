// Gives the first administrator of a fresh install a local password (and creates the account if needed).
//   npm run admin:create -- --account acme --name "Acme Corporation" --email you@acme.com
// The password comes from $ADMIN_PASSWORD or is asked for on the terminal. Uses $DATABASE_URL, or the
// embedded PostgreSQL under $DATA_DIR when it is unset (stop `npm start` first, or set DATABASE_URL).
import readline from "node:readline";
import { parseArgs } from "node:util";
import { openDatabase } from "./lib/database-url.mjs";
import { appSecret } from "./lib/app-secret.mjs";

const { values } = parseArgs({ options: { account: { type: "string" }, name: { type: "string" }, email: { type: "string" } } });
if (!values.account || !values.email) {
  console.error('usage: npm run admin:create -- --account <slug> [--name "Account name"] --email <email>');
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write("Password (at least 12 characters): ");
  muted._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

const password = await askPassword();
const database = await openDatabase();
process.env.DATABASE_URL = database.url;
process.env.APP_SECRET ??= appSecret();
try {
  const { bootstrapAdministrator } = await import("@/lib/accounts/bootstrap-administrator");
  const result = await bootstrapAdministrator({ accountSlug: values.account, accountName: values.name, email: values.email, password });
  console.log(`${result.accountCreated ? "Created account" : "Account"} "${values.account}"; ${values.email} ${result.userCreated ? "created" : "updated"} as an administrator with a local password.`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await database.stop();
}
