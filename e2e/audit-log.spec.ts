import fs from "node:fs/promises";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { parseCsv } from "../lib/audit/csv";
import { gotoHydrated, reloadHydrated, signInWithSso } from "./support";

// The audit log and the SCIM activity log, as alice.admin uses them: filter, open an event and its before/after,
// export what the filters show, verify the chain; then find a failed SCIM request among the errors and open it.
// The SCIM part turns provisioning on for Acme and off again at the end, so the specs after this one find it off.

const PROVISIONING = "/admin/federation/provisioning";

async function saveConnectionDomains(page: Page, domains: string) {
  await gotoHydrated(page, "/admin/federation");
  await page.getByLabel("Email domains").fill(domains);
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Connection saved")).toBeVisible();
}

/** Full-page screenshots of the steps, in test-results/<this test>/NN-<step>.png. */
function screenshots(page: Page, testInfo: TestInfo) {
  let step = 0;
  return async (name: string) => {
    step += 1;
    await page.screenshot({ path: testInfo.outputPath(`${String(step).padStart(2, "0")}-${name}.png`), fullPage: true });
  };
}

test("an administrator filters the audit log, opens an event, exports it and verifies the chain", async ({ page, request }, testInfo) => {
  const shot = screenshots(page, testInfo);
  await signInWithSso(page, "alice.admin@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Alice Admin" })).toBeVisible();

  // A change to audit: one more email domain on the connection (put back at the end).
  await saveConnectionDomains(page, "acme.test\nacme-audit.test");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByLabel("Event type").fill("federation.*");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=federation\.\*/);
  const table = page.getByRole("table", { name: /Audit events/ });
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toContainText("Single sign-on connection changed");
  const shown = await rows.count();
  for (let i = 0; i < shown; i++) await expect(rows.nth(i)).toContainText("federation.");
  await expect(rows.first()).toContainText("alice.admin@acme.test");
  await shot("audit-log-filtered");

  // The newest event: its before and after, field by field.
  await rows.first().getByRole("link", { name: "Single sign-on connection changed" }).click();
  await expect(page.getByRole("heading", { name: "Single sign-on connection changed", level: 1 })).toBeVisible();
  const changes = page.getByRole("region", { name: "Before and after" });
  const domains = changes.getByRole("row", { name: /emailDomains/ });
  await expect(domains).toContainText('["acme.test"]');
  await expect(domains).toContainText('["acme-audit.test","acme.test"]');
  await expect(page.getByRole("region", { name: "What happened" })).toContainText("alice.admin@acme.test");
  await shot("audit-event");
  await page.getByRole("link", { name: "Back to the audit log" }).click();

  // Exports carry the filters and stream the same events.
  await gotoHydrated(page, "/admin/audit?action=federation.*");
  await expect(rows.first()).toBeVisible();
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector("a")?.getAttribute("href")?.split("/").pop() ?? ""));
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toMatch(/^audit-log-acme-\d{8}-\d{6}\.csv$/);
  const csv = parseCsv(await fs.readFile(await csvFile.path(), "utf8"));
  expect(csv[0]).toEqual(["id", "seq", "occurredAt", "action", "actorType", "actorId", "actorLabel", "targetType", "targetId", "targetLabel", "requestId", "before", "after"]);
  expect(csv.slice(1).map((r) => r[0])).toEqual(ids);
  expect(csv.slice(1).every((r) => r[3]?.startsWith("federation."))).toBe(true);

  const jsonDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const jsonFile = await jsonDownload;
  expect(jsonFile.suggestedFilename()).toMatch(/^audit-log-acme-\d{8}-\d{6}\.json$/);
  const json = JSON.parse(await fs.readFile(await jsonFile.path(), "utf8")) as { id: string; action: string; after: { emailDomains?: string[] } }[];
  expect(json.map((e) => e.id)).toEqual(ids);
  expect(json[0]?.after.emailDomains).toEqual(["acme-audit.test", "acme.test"]);

  // The export route answers visitors with JSON, never a redirect.
  const anonymous = await request.get("/api/admin/audit/export?format=csv", { failOnStatusCode: false, maxRedirects: 0 });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: expect.stringContaining("Sign in") as unknown });

  // The export itself is an audited administrator action.
  await gotoHydrated(page, "/admin/audit?action=audit_log.exported");
  await expect(rows.first()).toContainText("Audit log exported");

  // Verification: the whole chain holds.
  await page.getByRole("button", { name: "Verify the chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Verified [\d,]+ events/ })).toBeVisible();
  await shot("chain-verified");

  await saveConnectionDomains(page, "acme.test");
});

test("an administrator finds a failed SCIM request in the activity log", async ({ page, request }, testInfo) => {
  test.setTimeout(180_000);
  const shot = screenshots(page, testInfo);
  await signInWithSso(page, "alice.admin@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Alice Admin" })).toBeVisible();
  await gotoHydrated(page, PROVISIONING);
  const status = page.getByRole("region", { name: "SCIM provisioning" });
  const toggle = page.getByRole("switch", { name: "SCIM provisioning" });

  await toggle.click();
  await page.getByRole("dialog", { name: "Turn on SCIM provisioning?" }).getByRole("button", { name: "Turn on provisioning" }).click();
  await expect(status.getByText("Provisioning is on")).toBeVisible({ timeout: 60_000 });

  try {
    const tokens = page.getByRole("region", { name: "Endpoint and tokens" });
    await tokens.getByRole("button", { name: "Generate new token" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate a new token" });
    await dialog.getByLabel("Name").fill("Audit test IdP");
    await dialog.getByRole("button", { name: "Generate token" }).click();
    const secret = await tokens.getByRole("region", { name: "New token" }).getByLabel("Token secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^fpscim_/);

    const scim = (path: string) =>
      request.get(`/scim/v2${path}`, { headers: { Authorization: `Bearer ${secret}`, Accept: "application/scim+json", "User-Agent": "Okta SCIM Client 1.0" }, failOnStatusCode: false });
    expect((await scim("/Users?count=1")).status()).toBe(200);
    const bad = await scim(`/Users?filter=${encodeURIComponent('userName eqq "nobody@acme.test"')}`);
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ scimType: "invalidFilter" });

    // The chart on the Provisioning tab counts them (the log is written in batches a quarter second apart: reload
    // until the batch is in).
    const chart = page.getByRole("region", { name: "Requests and errors" });
    await expect(async () => {
      await reloadHydrated(page);
      await expect(chart.getByRole("img")).toHaveAccessibleDescription(/[1-9][\d,]* SCIM requests? and [1-9][\d,]* errors? per hour/, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await chart.scrollIntoViewIfNeeded();
    await shot("provisioning-chart");
    await chart.getByRole("button", { name: "7 days" }).click();
    await expect(chart.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(chart.getByRole("img")).toHaveAccessibleDescription(/per day over the last 7 days/);

    // Errors only: the failed lookup, not the successful one.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "SCIM activity", exact: true }).click();
    await expect(page.getByRole("heading", { name: "SCIM activity", level: 1 })).toBeVisible();
    await page.getByLabel("Errors only").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/errors=1/);
    const table = page.getByRole("table", { name: /SCIM requests/ });
    const failed = table.getByRole("row", { name: /eqq/ });
    await expect(failed).toContainText("400 Bad Request");
    await expect(failed).toContainText("Okta");
    await expect(table.getByText("200 OK")).toHaveCount(0);
    await shot("scim-activity-errors");

    await failed.getByRole("link").click();
    await expect(page.getByRole("heading", { name: "SCIM request", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Response body", exact: true })).toContainText("invalidFilter");
    await expect(page.getByRole("region", { name: "Request", exact: true })).toContainText("Audit test IdP");
    await expect(page.getByRole("region", { name: "Changes it caused" })).toContainText("This request changed nothing.");
    const curl = page.getByRole("region", { name: "curl command" });
    await expect(curl).toContainText("curl -X GET");
    await expect(curl).toContainText("$SCIM_TOKEN");
    await expect(page.getByRole("button", { name: "Copy as curl" })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    await shot("scim-request");
  } finally {
    // Leave Acme as the other specs expect it: provisioning off, no tokens.
    await gotoHydrated(page, PROVISIONING);
    await toggle.click();
    await page.getByRole("dialog", { name: "Turn off SCIM provisioning?" }).getByRole("button", { name: "Turn off and reset" }).click();
    await expect(status.getByText("Provisioning is off and fully reset")).toBeVisible({ timeout: 60_000 });
  }
});
