import { expect, test, type APIRequestContext, type Locator, type Page, type TestInfo } from "@playwright/test";
import { gotoHydrated, reloadHydrated, signInWithSso } from "./support";

// The administrator's whole SCIM journey on the Provisioning tab, driven through the UI as alice.admin (signed in
// through the demo IdP), with the IdP's side played by this test: Entra-style SCIM requests sent with the token the
// page showed once. A screenshot of every step lands in test-results/<this test>/NN-<step>.png.

const PROVISIONING = "/admin/federation/provisioning";
const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/** What Microsoft Entra ID's provisioning service sends as its User-Agent. */
const ENTRA_USER_AGENT = "Azure AD SCIM Provisioning";

type ScimBody = Record<string, unknown>;
interface ScimAnswer {
  status: number;
  body: ScimBody | null;
  headers: Record<string, string>;
}

/** The identity provider's side: SCIM requests with a bearer token, shaped like Microsoft Entra ID's. */
class EntraClient {
  constructor(
    private readonly request: APIRequestContext,
    readonly token: string,
  ) {}

  async send(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", path: string, body?: ScimBody): Promise<ScimAnswer> {
    const response = await this.request.fetch(`/scim/v2${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        Accept: "application/scim+json",
        "User-Agent": ENTRA_USER_AGENT,
        ...(body ? { "Content-Type": "application/scim+json" } : {}),
      },
      ...(body ? { data: JSON.stringify(body) } : {}),
      failOnStatusCode: false,
    });
    const text = await response.text();
    return { status: response.status(), body: text ? (JSON.parse(text) as ScimBody) : null, headers: response.headers() };
  }

  /** Entra's "Create User": core + enterprise schemas, a work primary email, name, active. */
  createUser(userName: string, givenName: string, familyName: string) {
    return this.send("POST", "/Users", {
      schemas: [CORE_USER, ENTERPRISE_USER],
      externalId: `entra-${userName}`,
      userName,
      active: true,
      displayName: `${givenName} ${familyName}`,
      emails: [{ primary: true, type: "work", value: userName }],
      meta: { resourceType: "User" },
      name: { formatted: `${givenName} ${familyName}`, familyName, givenName },
      [ENTERPRISE_USER]: { department: "Engineering" },
      roles: [],
    });
  }

  /** A default (flag-less) tenant's PATCH: capitalised ops, booleans as strings. */
  patch(resource: string, ...operations: { op: string; path?: string; value?: unknown }[]) {
    return this.send("PATCH", resource, { schemas: [PATCH_OP], Operations: operations });
  }

  async findUserId(userName: string): Promise<string> {
    const answer = await this.send("GET", `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(answer.status, `lookup of ${userName}`).toBe(200);
    const resources = answer.body?.Resources as { id: string }[] | undefined;
    expect(resources, `lookup of ${userName}`).toHaveLength(1);
    return resources![0]!.id;
  }
}

function screenshots(page: Page, testInfo: TestInfo) {
  let step = 0;
  return async (name: string, target: Page = page) => {
    step += 1;
    const path = testInfo.outputPath(`${String(step).padStart(2, "0")}-${name}.png`);
    await target.screenshot({ path, fullPage: true });
  };
}

/**
 * Holds the page's first progress poll until `release` is called (like a slow network; the answer itself is the
 * server's), so that the progress bar can be seen and photographed before the first figures arrive: the demo
 * account's jobs finish within about a second.
 */
async function holdFirstProgressPoll(page: Page) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  await page.route("**/api/admin/provisioning/progress", async (route) => {
    if (first) {
      first = false;
      await gate;
    }
    await route.fulfill({ response: await route.fetch() });
  });
  return () => release(); // later polls pass straight through

}

/** The number of held changes the Syncing card shows ("No changes held" is 0). */
async function heldChanges(sync: Locator): Promise<number> {
  const text = await sync.getByText(/changes? held/).first().innerText();
  if (/^No changes held/.test(text)) return 0;
  const match = /^([\d,]+) changes? held/.exec(text);
  expect(match, `held changes text: ${text}`).not.toBeNull();
  return Number(match![1]!.replaceAll(",", ""));
}

/** The Users page row of one person: who manages the account and its status. */
async function expectUserRow(page: Page, userName: string, managedBy: "SCIM" | "Single sign-on", status: "Active" | "Deactivated") {
  await gotoHydrated(page, `/admin/users?q=${encodeURIComponent(userName)}`);
  const row = page.getByRole("row", { name: new RegExp(userName.replaceAll(".", "\\.")) });
  await expect(row).toBeVisible();
  await expect(row.getByText(managedBy, { exact: true })).toBeVisible();
  await expect(row.getByText(status, { exact: true })).toBeVisible();
}

test("an administrator enables SCIM, connects an IdP, restricts, pauses, resumes and turns it off", async ({ page, request, browser }, testInfo) => {
  test.setTimeout(300_000);
  const shot = screenshots(page, testInfo);
  const baseURL = testInfo.project.use.baseURL ?? "";

  await signInWithSso(page, "alice.admin@acme.test");
  await expect(page.getByRole("heading", { name: "Welcome, Alice Admin" })).toBeVisible();
  await gotoHydrated(page, PROVISIONING);

  const status = page.getByRole("region", { name: "SCIM provisioning" });
  const toggle = page.getByRole("switch", { name: "SCIM provisioning" });
  const tokens = page.getByRole("region", { name: "Endpoint and tokens" });
  const setup = page.getByRole("region", { name: "Provisioning setup" });
  const sync = page.getByRole("region", { name: "Syncing" });
  const secrets: string[] = [];

  await test.step("enable: confirmation, then live progress until the job has finished", async () => {
    await expect(status.getByText("Status: Off")).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await shot("off");

    await toggle.click();
    const confirm = page.getByRole("dialog", { name: "Turn on SCIM provisioning?" });
    await expect(confirm).toContainText("no longer creates or updates users");
    await expect(confirm).toContainText("source of truth");
    await shot("enable-confirmation");

    const release = await holdFirstProgressPoll(page);
    const firstPoll = page.waitForResponse((r) => r.url().includes("/api/admin/provisioning/progress") && r.status() === 200);
    await confirm.getByRole("button", { name: "Turn on provisioning" }).click();
    const bar = status.getByRole("progressbar", { name: "Turning on provisioning" });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute("aria-valuenow", "0");
    await shot("enabling-progress");
    release();
    const polled = (await (await firstPoll).json()) as { progress: { kind: string; total: number; done: number; percent: number } };
    expect(polled.progress.kind).toBe("enable");
    expect(polled.progress.total).toBeGreaterThan(300); // every SSO user of the demo account

    await expect(status.getByText("Provisioning is on")).toBeVisible({ timeout: 60_000 });
    await expect(status.getByText("Status: On, waiting for setup")).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await shot("enabled");

    await expectUserRow(page, "bob.builder@acme.test", "SCIM", "Active");
    await shot("users-managed-by-scim");
    await gotoHydrated(page, PROVISIONING);
  });

  await test.step("endpoint and tokens: two tokens, each secret shown once; a third is refused", async () => {
    await expect(tokens.getByLabel("SCIM endpoint URL", { exact: true })).toHaveValue(`${baseURL}/scim/v2`);
    await expect(tokens.getByText("No tokens yet")).toBeVisible();

    const generate = async (target: Page, name: string) => {
      const card = target.getByRole("region", { name: "Endpoint and tokens" });
      await card.getByRole("button", { name: "Generate new token" }).click();
      const dialog = target.getByRole("dialog", { name: "Generate a new token" });
      await dialog.getByLabel("Name").fill(name);
      await dialog.getByLabel("Expires after (days)").fill("30");
      await dialog.getByRole("button", { name: "Generate token" }).click();
      return dialog;
    };

    await generate(page, "Entra ID primary");
    const panel = tokens.getByRole("region", { name: "New token" });
    await expect(panel.getByText("Copy this token now. It will not be shown again.")).toBeVisible();
    secrets.push(await panel.getByLabel("Token secret", { exact: true }).inputValue());
    await expect(panel.getByRole("button", { name: "Copy token secret" })).toBeVisible();
    await shot("first-token-shown-once");

    // A second tab, opened while only one token exists: its button is still enabled (the server must refuse).
    const stale = await page.context().newPage();
    await stale.goto(PROVISIONING);
    await expect(stale.getByRole("row", { name: /Entra ID primary/ })).toBeVisible();

    await panel.getByRole("button", { name: "I have stored the token safely" }).click();
    await generate(page, "Entra ID rotation");
    await expect(panel.getByLabel("Token secret", { exact: true })).not.toHaveValue(secrets[0]!);
    secrets.push(await panel.getByLabel("Token secret", { exact: true }).inputValue());
    expect(secrets[0]).toMatch(/\S{30,}/);
    expect(secrets[1]).toMatch(/\S{30,}/);

    // The list: name, identifier, created, expires, last used; never the secret.
    await expect(tokens.getByRole("row", { name: /Entra ID primary/ })).toContainText("Not used yet");
    await expect(tokens.getByRole("row", { name: /Entra ID rotation/ })).toBeVisible();
    const generateButton = tokens.getByRole("button", { name: "Generate new token" });
    await expect(generateButton).toBeDisabled();
    await expect(tokens.getByText("You have 2 tokens, the most allowed. Delete one to generate another.")).toBeVisible();
    await shot("two-tokens");

    // The server refuses the third token, whatever the page shows.
    const refused = await generate(stale, "One too many");
    await expect(refused.getByRole("alert")).toContainText("at most 2 tokens");
    await shot("third-token-refused", stale);
    await stale.close();

    // Reloading never shows a secret again.
    await reloadHydrated(page);
    await expect(tokens.getByRole("row", { name: /Entra ID rotation/ })).toBeVisible();
    await expect(tokens.getByRole("region", { name: "New token" })).toHaveCount(0);
    const html = await page.content();
    for (const secret of secrets) expect(html).not.toContain(secret);
    await shot("after-reload-no-secret");
  });

  const entra = new EntraClient(request, secrets[0]!);
  const ids: Record<string, string> = {};

  await test.step("the IdP connects: Entra-style users, PATCH with string booleans, a group and its members", async () => {
    const discovery = await entra.send("GET", "/ServiceProviderConfig");
    expect(discovery.status).toBe(200);

    for (const [userName, given, family] of [
      ["scim.person1@acme.test", "Pat", "One"],
      ["scim.person2@acme.test", "Sam", "Two"],
    ] as const) {
      const created = await entra.createUser(userName, given, family);
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.headers["content-type"]).toContain("application/scim+json");
      ids[userName] = created.body!.id as string;
    }
    const patched = await entra.patch(
      `/Users/${ids["scim.person1@acme.test"]}`,
      { op: "Replace", path: "name.givenName", value: "Patricia" },
      { op: "Replace", path: "displayName", value: "Patricia One" },
      { op: "Replace", path: "active", value: "True" },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const read = await entra.send("GET", `/Users/${ids["scim.person1@acme.test"]}`);
    expect(read.body).toMatchObject({ userName: "scim.person1@acme.test", active: true, displayName: "Patricia One", name: { givenName: "Patricia" } });

    // Existing SSO users were brought under SCIM when provisioning was enabled: the IdP finds them by userName.
    ids.alice = await entra.findUserId("alice.admin@acme.test");
    ids.bob = await entra.findUserId("bob.builder@acme.test");

    const group = await entra.send("POST", "/Groups", {
      schemas: [CORE_GROUP],
      externalId: "entra-group-portal-users",
      displayName: "Portal Users",
      meta: { resourceType: "Group" },
    });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    ids.group = group.body!.id as string;
    const members = [ids["scim.person1@acme.test"]!, ids["scim.person2@acme.test"]!, ids.alice, ids.bob];
    const added = await entra.patch(`/Groups/${ids.group}`, { op: "Add", path: "members", value: members.map((value) => ({ value })) });
    expect([200, 204]).toContain(added.status);
    const readGroup = await entra.send("GET", `/Groups/${ids.group}`);
    expect((readGroup.body?.members as unknown[] | undefined)?.length).toBe(4);

    // Not set up yet: the directory has everything, portal users are not created yet, and the tab says what is held.
    // The health figures come from the activity log, written in batches a quarter second apart: reload until it is in.
    const health = page.getByRole("region", { name: "Connection health" });
    await expect(async () => {
      await reloadHydrated(page);
      await expect(health.getByText("from Microsoft Entra ID", { exact: false })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    expect(await heldChanges(sync)).toBeGreaterThan(0);
    await expect(tokens.getByRole("row", { name: /Entra ID primary/ })).not.toContainText("Not used yet");
    await shot("idp-connected-changes-held");
  });

  await test.step("restrict by group membership: the preview shows who gains and who loses access", async () => {
    await expect(setup.getByText("Provisioning waits for a setup")).toBeVisible();
    await setup.getByRole("radio", { name: "Restrict by group membership" }).check();
    await setup.getByLabel("Search groups").fill("portal");
    const groupChoice = setup.getByRole("checkbox", { name: "Portal Users" });
    await expect(groupChoice).toBeVisible();
    await expect(setup.getByText("4 members", { exact: true })).toBeVisible();
    await groupChoice.check();
    await expect(setup.getByRole("button", { name: "Save setup" })).toBeDisabled(); // preview first

    await setup.getByRole("button", { name: "Preview changes" }).click();
    const preview = setup.getByRole("region", { name: "Preview of the setup change" });
    await expect(preview.getByText("Gain access: 2")).toBeVisible();
    await expect(preview.getByRole("list", { name: "Gain access" })).toContainText("scim.person1@acme.test");
    await expect(preview.getByRole("list", { name: "Gain access" })).toContainText("scim.person2@acme.test");
    await expect(preview.getByText(/^Lose access: [1-9]/)).toBeVisible(); // the SSO users outside the group
    await expect(preview.getByRole("list", { name: "Lose access" })).toContainText("carol.chen@acme.test");
    await expect(preview.getByRole("list", { name: "Lose access" })).not.toContainText("alice.admin@acme.test");
    await shot("restrict-preview");

    await setup.getByRole("button", { name: "Save setup" }).click();
    await expect(setup.getByText(/Provisioning setup saved\. Applied: 2 users created/)).toBeVisible();
    await expect(status.getByText("Status: Active")).toBeVisible();
    await expect(setup.getByRole("list", { name: "Provisioned groups" })).toContainText("Portal Users");
    await expect(sync.getByText("None: changes are applied as they arrive.")).toBeVisible();
    await shot("restricted-active");

    await expectUserRow(page, "scim.person1@acme.test", "SCIM", "Active");
    await expectUserRow(page, "carol.chen@acme.test", "SCIM", "Deactivated");
    await shot("users-after-restriction");
  });

  await test.step("a person deactivated through SCIM loses an open session and is refused at sign-in", async () => {
    const context = await browser.newContext();
    const bob = await context.newPage();
    await signInWithSso(bob, "bob.builder@acme.test");
    await expect(bob.getByRole("heading", { name: "Welcome, Bob Builder" })).toBeVisible();

    const deactivated = await entra.patch(`/Users/${ids.bob}`, { op: "Replace", path: "active", value: "False" });
    expect(deactivated.status, JSON.stringify(deactivated.body)).toBe(200);
    expect(deactivated.body?.active).toBe(false);

    await bob.goto("/overview");
    await expect(bob).toHaveURL(/\/signin/);
    await signInWithSso(bob, "bob.builder@acme.test");
    await expect(bob.getByText("Your access to this account has been turned off.", { exact: false })).toBeVisible();
    await expect(bob).toHaveURL(/\/signin/);
    await shot("deactivated-user-refused", bob);
    await context.close();
  });

  await test.step("pause: the IdP's changes are kept and answered truthfully, but not applied", async () => {
    await gotoHydrated(page, PROVISIONING);
    await sync.getByRole("button", { name: "Pause provisioning" }).click();
    await expect(status.getByText("Status: Paused")).toBeVisible();
    await expect(sync.getByRole("button", { name: "Resume provisioning" })).toBeVisible();
    const heldBefore = await heldChanges(sync);
    await shot("paused");

    const off = await entra.patch(`/Users/${ids["scim.person2@acme.test"]}`, { op: "Replace", path: "active", value: "False" });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body?.active).toBe(false); // the directory follows the IdP at once
    const renamed = await entra.patch(`/Users/${ids["scim.person1@acme.test"]}`, { op: "Replace", path: "displayName", value: "Patricia One-Renamed" });
    expect(renamed.status).toBe(200);

    await reloadHydrated(page);
    expect(await heldChanges(sync)).toBeGreaterThan(heldBefore);
    await shot("paused-changes-held");
    await expectUserRow(page, "scim.person2@acme.test", "SCIM", "Active"); // nothing applied while paused
    await shot("users-while-paused");
  });

  await test.step("resume: the preview and the held count first, then every held change is applied", async () => {
    await gotoHydrated(page, PROVISIONING);
    const held = await heldChanges(sync);
    await sync.getByRole("button", { name: "Resume provisioning" }).click();
    const confirm = page.getByRole("dialog", { name: "Resume provisioning?" });
    await expect(confirm).toContainText(`${held} held change`);
    const preview = confirm.getByRole("region", { name: "Preview of resuming" });
    await expect(preview.getByText("Lose access: 1")).toBeVisible();
    await expect(preview.getByRole("list", { name: "Lose access" })).toContainText("scim.person2@acme.test");
    await shot("resume-preview");

    await confirm.getByRole("button", { name: "Apply changes and resume" }).click();
    await expect(sync.getByText(/Provisioning resumed\. Applied: .*1 user deactivated/)).toBeVisible();
    await expect(status.getByText("Status: Active")).toBeVisible();
    await expect(sync.getByText("None: changes are applied as they arrive.")).toBeVisible();
    await shot("resumed");

    await expectUserRow(page, "scim.person2@acme.test", "SCIM", "Deactivated");
    await gotoHydrated(page, "/admin/users?q=scim.person1");
    await expect(page.getByRole("row", { name: /scim\.person1@acme\.test/ })).toContainText("Patricia One-Renamed");
    await shot("users-after-resume");
  });

  await test.step("safety valve: provisioning pauses itself when the IdP removes too many users, and says why", async () => {
    await gotoHydrated(page, PROVISIONING);
    const valve = page.getByRole("region", { name: "Safety valve" });
    await valve.getByLabel("Share of users (%)").fill("1");
    await valve.getByLabel("Minimum number of users").fill("1");
    await valve.getByRole("button", { name: "Save safety valve" }).click();
    await expect(valve.getByText("Safety valve saved.")).toBeVisible();

    // Bob was deactivated through SCIM a moment ago; one more removal now exceeds "1 user".
    const off = await entra.patch(`/Users/${ids["scim.person1@acme.test"]}`, { op: "Replace", path: "active", value: "False" });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body?.active).toBe(false); // the directory keeps what the IdP sent; only applying it waits

    await reloadHydrated(page);
    await expect(status.getByText("Status: Paused")).toBeVisible();
    const banner = sync.getByRole("alert").filter({ hasText: "The safety valve paused provisioning" });
    await expect(banner).toContainText("removed access from 2 users within 60 minutes");
    await shot("safety-valve-paused");
    await expectUserRow(page, "scim.person1@acme.test", "SCIM", "Active");

    // The administrator decides with the preview in front of them.
    await gotoHydrated(page, PROVISIONING);
    await sync.getByRole("button", { name: "Resume provisioning" }).click();
    const confirm = page.getByRole("dialog", { name: "Resume provisioning?" });
    await expect(confirm.getByRole("list", { name: "Lose access" })).toContainText("scim.person1@acme.test");
    await shot("safety-valve-resume-preview");
    await confirm.getByRole("button", { name: "Apply changes and resume" }).click();
    await expect(status.getByText("Status: Active")).toBeVisible();
    await expectUserRow(page, "scim.person1@acme.test", "SCIM", "Deactivated");
  });

  await test.step("delete a token: its next request is refused, the other token keeps working", async () => {
    await gotoHydrated(page, PROVISIONING);
    await tokens.getByRole("button", { name: "Delete token Entra ID primary" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete token “Entra ID primary”?" });
    await shot("delete-token-confirmation");
    await confirm.getByRole("button", { name: "Delete token" }).click();
    await expect(tokens.getByText("Token “Entra ID primary” was deleted.", { exact: false })).toBeVisible();
    await expect(tokens.getByRole("row", { name: /Entra ID primary/ })).toHaveCount(0);
    await expect(tokens.getByRole("button", { name: "Generate new token" })).toBeEnabled();

    const refused = await entra.send("GET", "/Users?count=1");
    expect(refused.status).toBe(401);
    expect(refused.body?.detail).toContain("deleted");
    const rotation = new EntraClient(request, secrets[1]!);
    expect((await rotation.send("GET", "/Users?count=1")).status).toBe(200);
    await shot("token-deleted");
  });

  await test.step("turn off: what will be lost, then the reset job, then Off", async () => {
    await reloadHydrated(page);
    await toggle.click();
    const confirm = page.getByRole("dialog", { name: "Turn off SCIM provisioning?" });
    await expect(confirm).toContainText("1 token revoked");
    await expect(confirm).toContainText("The provisioning setup");
    await expect(confirm).toContainText(/Directory data: [\d,]+ users and 1 group/);
    await expect(confirm).toContainText("Everyone keeps their portal account");
    await shot("turn-off-confirmation");

    const release = await holdFirstProgressPoll(page);
    await confirm.getByRole("button", { name: "Turn off and reset" }).click();
    await expect(status.getByRole("progressbar", { name: "Turning off provisioning" })).toBeVisible();
    await expect(toggle).toBeDisabled();
    await shot("resetting-progress");
    release();
    await expect(status.getByText("Provisioning is off and fully reset")).toBeVisible({ timeout: 60_000 });
    await expect(status.getByText("Status: Off")).toBeVisible();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await expect(tokens).toHaveCount(0);
    await shot("reset-complete");

    const rotation = new EntraClient(request, secrets[1]!);
    expect((await rotation.send("GET", "/Users?count=1")).status).toBe(401);
    await expectUserRow(page, "alice.admin@acme.test", "Single sign-on", "Active");
    await shot("users-back-to-sso");
  });
});
