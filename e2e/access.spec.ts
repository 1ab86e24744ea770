import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { gotoHydrated, signInWithSso } from "./support";

// Access follows the IdP's groups: alice.admin turns SCIM on and the test plays the IdP, pushing two nested groups
// ("Platform Team" inside "Engineering", bob.builder in "Platform Team"). Alice maps Engineering to Read-only on
// "Acme Europe"; bob then holds it there and, by inheritance, on its sub-organizations and projects, which his
// user detail, his "My access" page and the project pages show. Provisioning is turned off again at the end, which
// clears the directory (and with it the group's role), so the other browser tests start from the demo data.

const PROVISIONING = "/admin/federation/provisioning";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

async function scim(request: APIRequestContext, token: string, method: "GET" | "POST", path: string, body?: Record<string, unknown>) {
  const response = await request.fetch(`/scim/v2${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: "application/scim+json", ...(body ? { "Content-Type": "application/scim+json" } : {}) },
    ...(body ? { data: JSON.stringify(body) } : {}),
    failOnStatusCode: false,
  });
  const text = await response.text();
  return { status: response.status(), body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

/** "Organization in Acme Global", not "Organization in Acme Global › Acme Europe": the row of Acme Europe itself. */
const TOP_LEVEL_CHILD = /Organization in Acme Global(?! ›)/;

/** The rows of a table that contain every one of `texts`. */
function rowWith(table: Locator, ...texts: (string | RegExp)[]): Locator {
  return texts.reduce((rows, text) => rows.filter({ hasText: text }), table.getByRole("row"));
}

async function turnProvisioning(page: Page, on: boolean) {
  await gotoHydrated(page, PROVISIONING);
  const status = page.getByRole("region", { name: "SCIM provisioning" });
  await page.getByRole("switch", { name: "SCIM provisioning" }).click();
  if (on) {
    await page.getByRole("dialog", { name: "Turn on SCIM provisioning?" }).getByRole("button", { name: "Turn on provisioning" }).click();
    await expect(status.getByText("Provisioning is on")).toBeVisible({ timeout: 60_000 });
  } else {
    await page.getByRole("dialog", { name: "Turn off SCIM provisioning?" }).getByRole("button", { name: "Turn off and reset" }).click();
    await expect(status.getByText("Provisioning is off and fully reset")).toBeVisible({ timeout: 60_000 });
  }
}

test("a directory group mapped to a role on an organization reaches a nested member, and the portal's own pages follow it", async ({ page, request, browser }) => {
  test.setTimeout(240_000);
  await signInWithSso(page, "alice.admin@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Alice Admin" })).toBeVisible();

  // The project pages, linked from the organization tree.
  await page.getByRole("link", { name: "Organizations", exact: true }).click();
  const frankfurt = (await page.getByRole("link", { name: "Open project Frankfurt Data Center" }).getAttribute("href"))!;
  const payments = (await page.getByRole("link", { name: "Open project Payments" }).getAttribute("href"))!;
  expect(frankfurt).toMatch(/^\/projects\/[0-9a-f-]{36}$/);

  let token = "";
  await test.step("the IdP side: SCIM on, a token, and two nested groups with bob in the inner one", async () => {
    await turnProvisioning(page, true);
    const tokens = page.getByRole("region", { name: "Endpoint and tokens" });
    await tokens.getByRole("button", { name: "Generate new token" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate a new token" });
    await dialog.getByLabel("Name").fill("Access test");
    await dialog.getByRole("button", { name: "Generate token" }).click();
    token = await tokens.getByRole("region", { name: "New token" }).getByLabel("Token secret", { exact: true }).inputValue();
    expect(token).toMatch(/\S{30,}/);

    const found = await scim(request, token, "GET", `/Users?filter=${encodeURIComponent('userName eq "bob.builder@acme.test"')}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const bobId = (found.body?.Resources as { id: string }[])[0]!.id;
    const platform = await scim(request, token, "POST", "/Groups", { schemas: [CORE_GROUP], displayName: "Platform Team", members: [{ value: bobId }] });
    expect(platform.status, JSON.stringify(platform.body)).toBe(201);
    const engineering = await scim(request, token, "POST", "/Groups", {
      schemas: [CORE_GROUP],
      displayName: "Engineering",
      members: [{ value: platform.body!.id as string, type: "Group" }],
    });
    expect(engineering.status, JSON.stringify(engineering.body)).toBe(201);
  });

  const bobContext = await browser.newContext();
  const bob = await bobContext.newPage();
  await test.step("without a role, bob has no access and a project page is refused", async () => {
    await signInWithSso(bob, "bob.builder@acme.test");
    await expect(bob.getByRole("heading", { name: "Welcome, Bob Builder" })).toBeVisible();
    await bob.getByRole("link", { name: "My access" }).click();
    await expect(bob.getByRole("heading", { name: "My access", level: 1 })).toBeVisible();
    await expect(bob.getByText("You have no roles yet")).toBeVisible();
    const refused = await bob.goto(frankfurt);
    expect(refused?.status()).toBe(403);
    await expect(bob.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await expect(bob.getByText("Frankfurt Data Center")).toHaveCount(0);
  });

  await test.step("alice maps Engineering to Read-only on Acme Europe", async () => {
    await page.getByRole("link", { name: "Group roles" }).click();
    await expect(page.getByRole("heading", { name: "Group role mappings", level: 1 })).toBeVisible();
    const form = page.getByRole("region", { name: "Map a group to a role" });
    await form.getByLabel("Search groups").fill("engin");
    const choice = form.getByRole("radio", { name: "Engineering" });
    await expect(choice).toHaveAccessibleDescription("1 member, counting nested groups");
    await choice.check();
    await form.getByRole("radio", { name: "One organization" }).check();
    await form.getByRole("combobox", { name: "Organization" }).selectOption({ label: "Acme Global › Acme Europe" });
    // Only roles that can be given on an organization are offered.
    await expect(form.getByRole("combobox", { name: "Role" }).getByRole("option")).toHaveText(["Choose a role…", "Administrator", "Billing", "Technical", "Read-only", "Project admin", "Project member"]);
    await form.getByRole("radio", { name: "One project" }).check();
    await expect(form.getByRole("combobox", { name: "Role" }).getByRole("option", { name: "Billing" })).toHaveCount(0);
    await form.getByRole("radio", { name: "One organization" }).check();
    await form.getByRole("combobox", { name: "Organization" }).selectOption({ label: "Acme Global › Acme Europe" });
    await form.getByRole("combobox", { name: "Role" }).selectOption({ label: "Read-only" });
    await form.getByRole("button", { name: "Add mapping" }).click();
    await expect(form.getByText("Everyone in Engineering now has Read-only at Acme Global › Acme Europe.")).toBeVisible();

    const mapping = rowWith(page.getByRole("region", { name: "Mappings" }), "Engineering", "Read-only", "Acme Europe");
    await expect(mapping).toHaveCount(1);
    await expect(mapping.getByRole("cell").nth(3)).toHaveText("1"); // bob, through the nested Platform Team
  });

  await test.step("bob's user detail shows the role with its group path, and where it is inherited", async () => {
    await page.getByRole("link", { name: "Users", exact: true }).click();
    await page.getByRole("searchbox", { name: "Search users by email or name" }).fill("bob.builder");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "bob.builder@acme.test" }).click();
    await expect(page.getByRole("heading", { name: "Bob Builder", level: 1 })).toBeVisible();
    const profile = page.getByRole("region", { name: "Profile" });
    await expect(profile).toContainText("bob.builder@acme.test");
    await expect(profile).toContainText("Provisioned by your identity provider");

    const access = page.getByRole("region", { name: "Effective access" });
    const granted = rowWith(access, "Read-only", "Acme Europe", TOP_LEVEL_CHILD, "Group Engineering › Platform Team");
    await expect(granted).toHaveCount(1);
    await expect(granted).not.toContainText("Inherited");
    await expect(rowWith(access, "Read-only", "Frankfurt Data Center", "Group Engineering › Platform Team", "Inherited from organization Acme Europe")).toHaveCount(1);
    await expect(rowWith(access, "Acme Germany", "Organization in Acme Global › Acme Europe", "Inherited from organization Acme Europe")).toHaveCount(1);
    await expect(rowWith(access, "Payments")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Individually assigned roles" }).getByText("No individual roles")).toBeVisible();
  });

  await test.step("bob's My access and the project pages follow the mapping", async () => {
    await bob.goto("/access");
    const roles = bob.getByRole("region", { name: "Your roles" });
    await expect(rowWith(roles, "Read-only", "Acme Europe", TOP_LEVEL_CHILD, "Group Engineering › Platform Team")).toHaveCount(1);
    const projects = bob.getByRole("region", { name: "Your projects" });
    await expect(projects.getByRole("link")).toHaveText(["EU Data Platform", "Paris Edge Sites", "Berlin Office Network", "Frankfurt Data Center"]);

    await projects.getByRole("link", { name: "Frankfurt Data Center" }).click();
    await expect(bob.getByRole("heading", { name: "Frankfurt Data Center", level: 1 })).toBeVisible();
    await expect(bob.getByText("Project in Acme Global › Acme Europe › Acme Germany")).toBeVisible();
    await expect(rowWith(bob.getByRole("region", { name: "Your access here" }), "Read-only", "Group Engineering › Platform Team", "Inherited from organization Acme Europe")).toHaveCount(1);
    // Read-only cannot change the project; only administrators see who has access.
    await expect(bob.getByRole("button", { name: "Rename project" })).toHaveCount(0);
    await expect(bob.getByText("Changing this project needs one of these roles on it")).toBeVisible();
    await expect(bob.getByRole("region", { name: "Who has access" })).toHaveCount(0);

    const outside = await bob.goto(payments);
    expect(outside?.status()).toBe(403);
  });

  await test.step("an individual Project admin role lets bob rename the project; removing it takes that away", async () => {
    await page.getByRole("button", { name: "Add role" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a role for Bob Builder" });
    await dialog.getByRole("radio", { name: "One project" }).check();
    await dialog.getByRole("combobox", { name: "Project" }).selectOption({ label: "Acme Global › Acme Europe › Acme Germany › Frankfurt Data Center" });
    await dialog.getByRole("combobox", { name: "Role" }).selectOption({ label: "Project admin" });
    await dialog.getByRole("button", { name: "Add role" }).click();
    const individual = page.getByRole("region", { name: "Individually assigned roles" });
    await expect(rowWith(individual, "Project admin", "Frankfurt Data Center", "By an administrator")).toHaveCount(1);
    await expect(rowWith(page.getByRole("region", { name: "Effective access" }), "Project admin", "Frankfurt Data Center", "Direct")).toHaveCount(1);

    await bob.goto(frankfurt);
    const name = bob.getByRole("textbox", { name: "Project name" });
    await name.fill("Frankfurt Data Centre");
    await bob.getByRole("button", { name: "Rename project" }).click();
    await expect(bob.getByText("Project renamed.")).toBeVisible();
    await expect(bob.getByRole("heading", { name: "Frankfurt Data Centre", level: 1 })).toBeVisible();
    await name.fill("Frankfurt Data Center");
    await bob.getByRole("button", { name: "Rename project" }).click();
    await expect(bob.getByRole("heading", { name: "Frankfurt Data Center", level: 1 })).toBeVisible();

    await individual.getByRole("button", { name: "Remove Project admin at Frankfurt Data Center" }).click();
    await page.getByRole("dialog", { name: "Remove this role?" }).getByRole("button", { name: "Remove role" }).click();
    await expect(individual.getByText("No individual roles")).toBeVisible();
    await bob.reload();
    await expect(bob.getByRole("button", { name: "Rename project" })).toHaveCount(0);
  });

  await test.step("turning SCIM off clears the directory, and with it the group's role", async () => {
    await turnProvisioning(page, false);
    await gotoHydrated(page, "/admin/roles");
    await expect(page.getByText("No mappings yet")).toBeVisible();
    await gotoHydrated(page, "/admin/users?q=bob.builder");
    await page.getByRole("link", { name: "bob.builder@acme.test" }).click();
    await expect(page.getByRole("region", { name: "Effective access" }).getByText("No access")).toBeVisible();
  });
  await bobContext.close();
});
