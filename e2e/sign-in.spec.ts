import { expect, test } from "@playwright/test";
import { gotoHydrated, OWNER_PASSWORD, signInWithPassword, signInWithSso } from "./support";

test("an administrator signs in through the account's identity provider", async ({ page }) => {
  await signInWithSso(page, "alice.admin@acme.test");
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("heading", { name: "Welcome, Alice Admin" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Single sign-on", exact: true })).toBeVisible();
  await expect(page.getByText("Your organization's single sign-on")).toBeVisible();
});

test("a first federated sign-in creates the user just in time", async ({ page, browser }) => {
  await signInWithSso(page, "user0777@acme.test");
  await expect(page.getByRole("heading", { name: /Welcome, .* 0777/ })).toBeVisible();

  const admin = await browser.newPage();
  await signInWithSso(admin, "alice.admin@acme.test");
  await admin.goto("/admin/users?q=user0777");
  const row = admin.getByRole("row", { name: /user0777@acme\.test/ });
  await expect(row).toBeVisible();
  await expect(row.getByText("Single sign-on")).toBeVisible();
  await expect(row.getByText("Active")).toBeVisible();
  await admin.close();
});

test("a person of another company cannot sign in through this account's provider", async ({ page }) => {
  await gotoHydrated(page, "/signin?account=acme");
  await page.getByRole("button", { name: "Continue with Acme Corporation single sign-on" }).click();
  await expect(page).toHaveURL(/\/interaction\//);
  await page.getByLabel("Email").fill("grace.admin@globex.test");
  await page.getByLabel("Password").fill("demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/cannot sign in|not .* this application|does not belong/i)).toBeVisible();
});

test("a wrong local password is refused with a readable message", async ({ page }) => {
  await signInWithPassword(page, "owner@acme.test", "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toContainText("The email or password is not correct.");
  await expect(page).toHaveURL(/\/signin/);
});

test("an unknown email domain is told single sign-on is not set up", async ({ page }) => {
  await gotoHydrated(page, "/signin");
  await page.getByLabel("Work email").fill("someone@unknown-company.test");
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  await expect(page.getByText("No single sign-on is set up for this email's domain.", { exact: false })).toBeVisible();
});

test("the local-password administrator signs in and sees how the session was made", async ({ page }) => {
  await signInWithPassword(page, "owner@acme.test", OWNER_PASSWORD);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByText("A local password")).toBeVisible();
});
