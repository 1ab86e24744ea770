import { defineConfig, devices } from "@playwright/test";

// Browser tests run against the real quick start (`scripts/start.mjs --fresh`): embedded PostgreSQL, demo data,
// the demo OpenID Provider and `next start`, on ports of their own so they never meet a running portal.
const PORT = Number(process.env.E2E_PORT || 3100);
const IDP_PORT = Number(process.env.E2E_IDP_PORT || 3101);
export const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: "node scripts/start.mjs --fresh",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      APP_URL: baseURL,
      DEMO_IDP_PORT: String(IDP_PORT),
      DATA_DIR: ".data/e2e",
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT || "54340",
      DEMO: "on",
      // Always the embedded database, started fresh: never a developer's $DATABASE_URL.
      DATABASE_URL: "",
    },
  },
});
