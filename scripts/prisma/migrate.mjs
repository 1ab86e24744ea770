#!/usr/bin/env node
// Offline migrations. Uses $DATABASE_URL, or starts the embedded PostgreSQL in .data/pg when it is unset.
//   node scripts/prisma/migrate.mjs deploy        apply pending migrations
//   node scripts/prisma/migrate.mjs new <name>    write a migration for the changes in prisma/schema.prisma
//   node scripts/prisma/migrate.mjs check         exit 1 if schema.prisma and the migrations disagree
import { applyMigrations, createMigration, pendingSchemaChanges } from "./migrations.mjs";
import { withDatabase } from "../lib/database-url.mjs";

const [command, name] = process.argv.slice(2);
const commands = {
  async deploy(url) {
    const applied = await applyMigrations(url);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  },
  async new(url) {
    if (!name) throw new Error("usage: npm run db:new-migration -- <name>");
    const dir = await createMigration(url, name);
    console.log(dir ? `wrote ${dir}/migration.sql` : "schema.prisma has no changes that need a migration");
  },
  async check(url) {
    const sql = await pendingSchemaChanges(url);
    if (sql) {
      console.error("schema.prisma and prisma/migrations disagree; missing migration:\n" + sql);
      process.exitCode = 1;
    } else console.log("migrations and schema.prisma agree");
  },
};

if (!commands[command]) {
  console.error("usage: migrate.mjs deploy | new <name> | check");
  process.exit(2);
}
await withDatabase((url) => commands[command](url));
// The schema engine keeps an idle pg pool open; do not wait for its idle timeout.
process.exit();
