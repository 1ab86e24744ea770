import { expect, test } from "@playwright/test";
import { gotoHydrated, OWNER_PASSWORD, signInWithPassword, signInWithSso } from "./support";

test("the Administration area is hidden from an ordinary user and refused by the server", async ({ page }) => {
  await signInWithSso(page, "bob.builder@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Bob Builder" })).toBeVisible();
  await expect(page.getByText("Administration", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Single sign-on", exact: true })).toHaveCount(0);

  for (const path of ["/admin/federation", "/admin/federation/provisioning", "/admin/users", "/admin/organizations"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(page.getByText("acme.test", { exact: true })).toHaveCount(0); // nothing of the page leaked
  }
});

test("signed-out visitors are sent to sign in", async ({ page }) => {
  await gotoHydrated(page, "/admin/users");
  await expect(page).toHaveURL(/\/signin/);
});

test("a local-password administrator sees Provisioning as unavailable, with the reason", async ({ page }) => {
  await signInWithPassword(page, "owner@acme.test", OWNER_PASSWORD);
  await page.getByRole("link", { name: "Single sign-on", exact: true }).click();
  await page.getByRole("link", { name: "Provisioning" }).click();
  await expect(page.getByRole("heading", { name: "SCIM provisioning is not available yet" })).toBeVisible();
  await expect(page.getByText("You signed in with a password")).toBeVisible();
  await expect(page.getByText("sign in again through your organization's single sign-on")).toBeVisible();
});

test("an administrator signed in through the IdP can set up provisioning", async ({ page }) => {
  await signInWithSso(page, "alice.admin@acme.test");
  await gotoHydrated(page, "/admin/federation/provisioning");
  await expect(page.getByText("Provisioning can be set up")).toBeVisible();
});

test("users are listed and paginated on the server", async ({ page }) => {
  await signInWithSso(page, "alice.admin@acme.test");
  await gotoHydrated(page, "/admin/users");
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await expect(pagination).toContainText(/Showing 1–25 of \d{3} users/);
  await expect(page.getByRole("row")).toHaveCount(26); // header + one page
  await pagination.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(pagination).toContainText(/Showing 26–50 of \d{3} users/);
});

test("the organization tree shows three levels with projects", async ({ page }) => {
  await signInWithSso(page, "alice.admin@acme.test");
  await gotoHydrated(page, "/admin/organizations");
  const tree = page.getByRole("tree", { name: "Organizations and projects" });
  await expect(tree.getByRole("treeitem", { name: /Acme Germany/ })).toHaveAttribute("aria-level", "3");
  await expect(tree.getByText("Frankfurt Data Center")).toBeVisible();
});
