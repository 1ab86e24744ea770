import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads its native schema engine at run time from a host that is unreachable here.
// Point it at our stand-in, which runs Prisma's Wasm schema engine (scripts/prisma/wasm-engine.mjs).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "scripts/prisma/schema-engine-shim.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  // Not env("DATABASE_URL"): that helper throws when the variable is unset, which breaks `prisma generate`.
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
