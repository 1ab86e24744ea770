import { expect, test } from "@playwright/test";
import { gotoHydrated, reloadHydrated, signInWithSso } from "./support";

test("an issuer that does not answer discovery is refused with a clear error and nothing is saved", async ({ page }) => {
  await signInWithSso(page, "alice.admin@acme.test");
  await gotoHydrated(page, "/admin/federation");
  const details = page.getByRole("region", { name: "Federation details" });
  const issuerBefore = await details.getByText(/^http:\/\/localhost:\d+$/).innerText();

  await page.getByLabel("Issuer URL").fill("http://localhost:9/not-an-idp");
  await page.getByLabel("Email domains").fill("acme.test, acme-labs.test");
  await page.getByRole("button", { name: "Save connection" }).click();

  await expect(page.getByText("The connection was not saved")).toBeVisible();
  const issuerField = page.getByLabel("Issuer URL");
  await expect(issuerField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The issuer could not be reached")).toBeVisible();

  await reloadHydrated(page);
  await expect(details.getByText(issuerBefore, { exact: true })).toBeVisible();
  await expect(details.getByText("acme.test", { exact: true })).toBeVisible();
  await expect(page.getByText("acme-labs.test")).toHaveCount(0);
});

test("invalid fields are explained next to each field", async ({ page }) => {
  await signInWithSso(page, "alice.admin@acme.test");
  await gotoHydrated(page, "/admin/federation");
  await page.getByLabel("Issuer URL").fill("not a url");
  await page.getByLabel("Client ID").fill("");
  await page.getByLabel("Email domains").fill("not a domain");
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("The issuer must be a URL", { exact: false })).toBeVisible();
  await expect(page.getByText("Enter the client ID that your identity provider issued.")).toBeVisible();
  await expect(page.getByText("Each email domain must look like example.com.")).toBeVisible();
});

test("saving a working connection records it and keeps the stored secret", async ({ page }) => {
  await signInWithSso(page, "alice.admin@acme.test");
  await gotoHydrated(page, "/admin/federation");
  await page.getByLabel("Email domains").fill("acme.test\nacme-labs.test");
  await page.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Connection saved")).toBeVisible();
  const details = page.getByRole("region", { name: "Federation details" });
  await expect(details.getByText("acme-labs.test", { exact: false })).toBeVisible();

  // The secret was kept: signing in through the IdP still works.
  await page.context().clearCookies();
  await signInWithSso(page, "carol.chen@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Carol Chen" })).toBeVisible();
});
