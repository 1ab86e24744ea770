import { expect, test } from "@playwright/test";
import { signInWithSso } from "./support";

// The progress route of the Provisioning tab answers administrators only, and only about their own account.

test("the provisioning progress route refuses visitors and non-administrators with JSON", async ({ page, request }) => {
  const anonymous = await request.get("/api/admin/provisioning/progress", { failOnStatusCode: false });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: expect.stringContaining("Sign in") as unknown });

  await signInWithSso(page, "bob.builder@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Bob Builder" })).toBeVisible();
  const ordinary = await page.request.get("/api/admin/provisioning/progress", { failOnStatusCode: false });
  expect(ordinary.status()).toBe(403);
  expect(ordinary.headers()["content-type"]).toContain("application/json");
  expect(await ordinary.json()).toEqual({ error: "Only administrators can see provisioning progress." });
});

test("an administrator's progress answer covers their own account", async ({ page }) => {
  await signInWithSso(page, "grace.admin@globex.test");
  await expect(page.getByRole("heading", { name: "Welcome, Grace Admin" })).toBeVisible();
  const answer = await page.request.get("/api/admin/provisioning/progress");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["cache-control"]).toContain("no-store");
  // Globex never turned provisioning on: no job, state OFF (whatever Acme's administrator does meanwhile).
  expect(await answer.json()).toEqual({ progress: null, state: "OFF" });
});
