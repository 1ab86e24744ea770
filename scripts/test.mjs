#!/usr/bin/env node
// `npm test`: every check, in order of speed, stopping at the first failure.
import { spawnSync } from "node:child_process";

const steps = [
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["type-check", "npm", ["run", "--silent", "typecheck"]],
  ["unit tests", "npm", ["run", "--silent", "test:unit"]],
  ["integration tests (PostgreSQL)", "npm", ["run", "--silent", "test:integration"]],
  ["production build", "npm", ["run", "--silent", "build"]],
  ["browser tests (Chromium)", "npm", ["run", "--silent", "test:e2e"]],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
