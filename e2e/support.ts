import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo";
export const OWNER_PASSWORD = process.env.DEMO_OWNER_PASSWORD || "demo-owner-password";

/** Signs in through the account's IdP: email on our page, then the demo OpenID Provider's login form. */
export async function signInWithSso(page: Page, email: string, password = DEMO_PASSWORD) {
  await gotoHydrated(page, "/signin");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Continue with single sign-on" }).click();
  await expect(page).toHaveURL(/\/interaction\//);
  await expect(page.getByRole("heading", { name: "Demo identity provider" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email); // login_hint reached the IdP
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Opens a page and waits until React has hydrated it, so that what a test types is never overwritten. */
export async function gotoHydrated(page: Page, path: string) {
  await page.goto(path);
  await waitForHydration(page);
}

/**
 * Waits until React has hydrated every part of the page that carries a hydration marker (the root layout and
 * each page header: pages under a loading boundary hydrate after the shell).
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator("[data-hydration-marker][data-hydrated]").first()).toBeAttached();
  await expect(page.locator("[data-hydration-marker]:not([data-hydrated])")).toHaveCount(0);
}

/** Reloads the page and waits until React has hydrated it again. */
export async function reloadHydrated(page: Page) {
  await page.reload();
  await waitForHydration(page);
}

export async function signInWithPassword(page: Page, email: string, password: string) {
  await gotoHydrated(page, "/signin");
  await page.getByRole("button", { name: "Sign in with a password" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}
