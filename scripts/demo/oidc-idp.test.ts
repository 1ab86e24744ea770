// Drives real authorization-code flows against the demo IdP over HTTP (fetch, manual redirects, a cookie jar).
import { createHash, randomBytes } from "node:crypto";

import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startDemoIdp, type DemoIdp } from "./oidc-idp.mjs";
import { DEMO_PASSWORD, demoAccounts, demoSubject, type DemoAccount } from "./people.mjs";

const PORTAL = "http://localhost:3999";
const acme = demoAccounts.find((a) => a.slug === "acme")!;
const globex = demoAccounts.find((a) => a.slug === "globex")!;
const redirectUri = (a: DemoAccount) => `${PORTAL}/api/auth/callback/sso-${a.slug}`;

/** Just enough of a browser cookie store: name + path, expiry by deletion. */
class CookieJar {
  private cookies = new Map<string, { name: string; value: string; path: string }>();

  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = "/";
      let expired = value === "";
      for (const attr of attrs) {
        const [k = "", v = ""] = attr.split("=");
        if (k.toLowerCase() === "path") path = v;
        if (k.toLowerCase() === "expires" && Date.parse(v) <= Date.now()) expired = true;
        if (k.toLowerCase() === "max-age" && Number(v) <= 0) expired = true;
      }
      const key = `${name}|${path}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path });
    }
  }

  header(url: string) {
    const { pathname } = new URL(url);
    return [...this.cookies.values()]
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }
}

async function request(jar: CookieJar, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set("cookie", cookie);
  const res = await fetch(url, { ...init, headers, redirect: "manual" });
  jar.store(res);
  return res;
}

const postForm = (jar: CookieJar, url: string, form: Record<string, string>) =>
  request(jar, url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });

/**
 * Follows redirects (and oidc-provider's auto-submitted form_post pages) like a browser, until a
 * redirect leaves for the portal (returned, not fetched) or a page needs the person (returned).
 */
async function follow(jar: CookieJar, first: Response, from: string) {
  let res = first;
  let url = from;
  let formPosts = 0;
  for (let hops = 0; hops < 15; hops++) {
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      if (url.startsWith(PORTAL)) return { res, url, formPosts };
      res = await request(jar, url);
      continue;
    }
    const html = await res.clone().text();
    const form = /<title>Submitting Callback<\/title>[\s\S]*<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
    if (!form) return { res, url, formPosts };
    formPosts++;
    const inputs = Object.fromEntries(
      [...(form[2] ?? "").matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m): [string, string] => [m[1] ?? "", m[2] ?? ""]),
    );
    url = new URL(form[1] ?? "", url).href;
    res = await postForm(jar, url, inputs);
  }
  throw new Error("too many redirects");
}

let idp: DemoIdp;
type Endpoint = "authorization_endpoint" | "token_endpoint" | "jwks_uri" | "userinfo_endpoint" | "end_session_endpoint";
let discovery: Record<string, unknown> & Record<Endpoint, string>;

beforeAll(async () => {
  idp = await startDemoIdp({ port: 0, portalUrl: PORTAL });
  discovery = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as typeof discovery;
});

afterAll(async () => {
  await idp?.close();
});

interface Started {
  jar: CookieJar;
  loginUrl: string;
  html: string;
  state: string;
  nonce: string;
  verifier?: string;
}

/** GET /auth like next-auth does, and land on the login page. */
async function startSignIn(account: DemoAccount, opts: { jar?: CookieJar; pkce?: boolean; loginHint?: string } = {}): Promise<Started> {
  const jar = opts.jar ?? new CookieJar();
  const state = randomBytes(12).toString("base64url");
  const nonce = randomBytes(12).toString("base64url");
  const verifier = opts.pkce === false ? undefined : randomBytes(32).toString("base64url");
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: account.clientId,
    redirect_uri: redirectUri(account),
    response_type: "code",
    scope: "openid email profile",
    state,
    nonce,
    ...(verifier ? { code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256" } : {}),
    ...(opts.loginHint ? { login_hint: opts.loginHint } : {}),
  }).toString();
  const res = await request(jar, url.href);
  expect(res.status).toBe(303);
  const loginUrl = new URL(res.headers.get("location")!, url).href;
  expect(loginUrl).toMatch(new RegExp(`^${idp.issuer}/interaction/[\\w-]+$`));
  const page = await request(jar, loginUrl);
  expect(page.status).toBe(200);
  return { jar, loginUrl, html: await page.text(), state, nonce, verifier };
}

/** Submits the login form and follows through to the portal's callback URL. */
async function signIn(started: Started, email: string, seen?: { formPosts: number }) {
  const res = await postForm(started.jar, started.loginUrl, { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(303);
  const { url, formPosts } = await follow(started.jar, res, started.loginUrl);
  if (seen) seen.formPosts = formPosts;
  return new URL(url);
}

async function exchange(account: DemoAccount, code: string, opts: { method: "basic" | "post"; verifier?: string; secret?: string }) {
  const secret = opts.secret ?? account.clientSecret;
  const form: Record<string, string> = { grant_type: "authorization_code", code, redirect_uri: redirectUri(account) };
  if (opts.verifier) form.code_verifier = opts.verifier;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (opts.method === "basic") {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(account.clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;
  } else {
    Object.assign(form, { client_id: account.clientId, client_secret: secret });
  }
  const res = await fetch(discovery.token_endpoint, { method: "POST", headers, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function verifyIdToken(idToken: string, account: DemoAccount) {
  const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
    issuer: idp.issuer,
    audience: account.clientId,
    algorithms: ["RS256"],
  });
  expect(protectedHeader.alg).toBe("RS256");
  return payload;
}

describe("demo IdP", () => {
  it("publishes a discovery document for a code-flow client", () => {
    expect(idp.issuer).toMatch(/^http:\/\/localhost:\d+$/);
    expect(discovery).toMatchObject({
      issuer: idp.issuer,
      authorization_endpoint: `${idp.issuer}/auth`,
      token_endpoint: `${idp.issuer}/token`,
      jwks_uri: `${idp.issuer}/jwks`,
      userinfo_endpoint: `${idp.issuer}/me`,
      end_session_endpoint: `${idp.issuer}/session/end`,
      code_challenge_methods_supported: ["S256"],
      id_token_signing_alg_values_supported: ["RS256"],
      authorization_response_iss_parameter_supported: true,
    });
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(discovery.response_types_supported).toContain("code");
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post"]),
    );
    expect(discovery.claims_supported).toEqual(
      expect.arrayContaining(["sub", "email", "email_verified", "name", "given_name", "family_name", "preferred_username"]),
    );
  });

  it("signs Alice in to the Acme client: PKCE, client_secret_basic, signed ID token with the claims", async () => {
    const started = await startSignIn(acme);
    expect(started.html).toMatch(/<label for="email">Email<\/label>/);
    expect(started.html).toMatch(/<label for="password">Password<\/label>/);
    expect(started.html).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(started.html).toContain("alice.admin@acme.test");
    expect(started.html).toContain("grace.admin@globex.test");
    expect(started.html).toContain(`<code>${DEMO_PASSWORD}</code>`);

    const wrong = await postForm(started.jar, started.loginUrl, { email: "alice.admin@acme.test", password: "nope" });
    expect(wrong.status).toBe(401);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain("Unknown email or wrong password");
    expect(wrongHtml).toContain('value="alice.admin@acme.test"');
    const unknown = await postForm(started.jar, started.loginUrl, { email: "nobody@acme.test", password: DEMO_PASSWORD });
    expect(unknown.status).toBe(401);

    const callback = await signIn(started, "Alice.Admin@ACME.test");
    expect(callback.origin + callback.pathname).toBe(redirectUri(acme));
    expect(callback.searchParams.get("state")).toBe(started.state);
    expect(callback.searchParams.get("iss")).toBe(idp.issuer);
    const code = callback.searchParams.get("code");
    expect(code).toBeTruthy();

    const noVerifier = await exchange(acme, code!, { method: "basic", verifier: "x".repeat(43) });
    expect(noVerifier.status).toBe(400);
    expect(noVerifier.body.error).toBe("invalid_grant");

    // The real exchange uses a fresh flow (no reliance on what a failed PKCE check does to the code).
    const again = await startSignIn(acme, { jar: started.jar });
    const code2 = (await signIn(again, "alice.admin@acme.test")).searchParams.get("code")!;
    const tokens = await exchange(acme, code2, { method: "basic", verifier: again.verifier });
    expect(tokens.status).toBe(200);
    expect(tokens.body.token_type).toBe("Bearer");
    expect(tokens.body.access_token).toBeTruthy();

    const claims = await verifyIdToken(tokens.body.id_token!, acme);
    expect(claims).toMatchObject({
      sub: demoSubject("alice.admin@acme.test"),
      email: "alice.admin@acme.test",
      email_verified: true,
      name: "Alice Admin",
      given_name: "Alice",
      family_name: "Admin",
      preferred_username: "alice.admin@acme.test",
      nonce: again.nonce,
    });

    const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({ sub: claims.sub, email: "alice.admin@acme.test", name: "Alice Admin" });

    const replay = await exchange(acme, code2, { method: "basic", verifier: again.verifier });
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe("invalid_grant");
  });

  it("refuses a Globex person on the Acme client, then lets an Acme person in from the same page", async () => {
    const started = await startSignIn(acme);
    const refused = await postForm(started.jar, started.loginUrl, { email: "grace.admin@globex.test", password: DEMO_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("location")).toBeNull();
    expect(await refused.text()).toContain("grace.admin@globex.test belongs to Globex Industries and cannot sign in to Acme Corporation");

    const callback = await signIn(started, "bob.builder@acme.test");
    const tokens = await exchange(acme, callback.searchParams.get("code")!, { method: "basic", verifier: started.verifier });
    expect((await verifyIdToken(tokens.body.id_token!, acme)).email).toBe("bob.builder@acme.test");
  });

  it("works without PKCE and with client_secret_post, for generated people too", async () => {
    const started = await startSignIn(globex, { pkce: false, loginHint: "user0042@globex.test" });
    expect(started.html).toContain('value="user0042@globex.test"');
    const callback = await signIn(started, "user0042@globex.test");
    expect(callback.origin + callback.pathname).toBe(redirectUri(globex));

    const badSecret = await exchange(globex, callback.searchParams.get("code")!, { method: "post", secret: "wrong" });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body.error).toBe("invalid_client");

    const second = await signIn(await startSignIn(globex, { pkce: false, jar: started.jar }), "user0042@globex.test");
    const tokens = await exchange(globex, second.searchParams.get("code")!, { method: "post" });
    expect(tokens.status).toBe(200);
    const claims = await verifyIdToken(tokens.body.id_token!, globex);
    expect(claims).toMatchObject({ email: "user0042@globex.test", name: "Alan Liskov 0042", email_verified: true });
    expect(claims.sub).toBe(demoSubject("user0042@globex.test"));
  });

  it("asks again on the next sign-in in the same browser and lets another person sign in", async () => {
    const jar = new CookieJar();
    const first = await signIn(await startSignIn(acme, { jar }), "alice.admin@acme.test");
    expect(first.searchParams.get("code")).toBeTruthy();

    const next = await startSignIn(acme, { jar }); // the login form again, despite Alice's IdP session
    expect(next.html).toContain('<button type="submit">Sign in</button>');
    // oidc-provider ends Alice's IdP session through an auto-submitted form (JavaScript in a browser).
    const seen = { formPosts: 0 };
    const callback = await signIn(next, "carol.chen@acme.test", seen);
    expect(seen.formPosts).toBe(1);
    const tokens = await exchange(acme, callback.searchParams.get("code")!, { method: "basic", verifier: next.verifier });
    expect((await verifyIdToken(tokens.body.id_token!, acme)).email).toBe("carol.chen@acme.test");
  });

  it("with forceLogin off, remembers the session for the same organization but not for another", async () => {
    const sso = await startDemoIdp({ port: 0, portalUrl: PORTAL, forceLogin: false });
    try {
      const jar = new CookieJar();
      const authUrl = (a: DemoAccount) =>
        `${sso.issuer}/auth?${new URLSearchParams({ client_id: a.clientId, redirect_uri: redirectUri(a), response_type: "code", scope: "openid email profile", state: "s1" })}`;
      const first = await request(jar, authUrl(acme));
      const loginUrl = new URL(first.headers.get("location")!, sso.issuer).href;
      const login = await postForm(jar, loginUrl, { email: "erin.evans@acme.test", password: DEMO_PASSWORD });
      expect(new URL((await follow(jar, login, loginUrl)).url).searchParams.get("code")).toBeTruthy();

      const silent = await follow(jar, await request(jar, authUrl(acme)), authUrl(acme)); // no login page this time
      expect(new URL(silent.url).searchParams.get("code")).toBeTruthy();

      const other = await follow(jar, await request(jar, authUrl(globex)), authUrl(globex)); // Erin is not a Globex person
      expect(other.res.status).toBe(200);
      const html = await other.res.text();
      expect(html).toContain("erin.evans@acme.test cannot use Globex Industries");
      expect(html).toContain('<label for="password">Password</label>');
    } finally {
      await sso.close();
    }
  });

  it("returns access_denied to the portal when the person cancels", async () => {
    const started = await startSignIn(acme);
    const cancel = await request(started.jar, `${started.loginUrl}/abort`);
    const { url } = await follow(started.jar, cancel, `${started.loginUrl}/abort`);
    const callback = new URL(url);
    expect(callback.origin + callback.pathname).toBe(redirectUri(acme));
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("state")).toBe(started.state);
  });

  it("rejects unregistered redirect URIs without redirecting", async () => {
    const url = `${discovery.authorization_endpoint}?${new URLSearchParams({
      client_id: acme.clientId,
      redirect_uri: "http://evil.test/cb",
      response_type: "code",
      scope: "openid",
    })}`;
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("redirect_uri");
  });

  it("signs out (RP-initiated logout) back to the portal's sign-in page", async () => {
    const started = await startSignIn(acme);
    const callback = await signIn(started, "dan.diaz@acme.test");
    const tokens = await exchange(acme, callback.searchParams.get("code")!, { method: "basic", verifier: started.verifier });
    const endUrl = `${discovery.end_session_endpoint}?${new URLSearchParams({
      id_token_hint: tokens.body.id_token!,
      post_logout_redirect_uri: `${PORTAL}/signin`,
    })}`;
    const page = await request(started.jar, endUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"\/>/.exec(html);
    expect(action).not.toBeNull();
    const done = await postForm(started.jar, action![1]!, { xsrf: action![2]!, logout: "yes" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${PORTAL}/signin`);
  });

  it("starts fast and closes at once, even with keep-alive connections open", async () => {
    const t0 = performance.now();
    const other = await startDemoIdp({ port: 0, portalUrl: PORTAL });
    expect(performance.now() - t0).toBeLessThan(1000);
    const res = await fetch(`${other.issuer}/jwks`);
    expect(((await res.json()) as { keys: unknown[] }).keys).toHaveLength(1);
    const t1 = performance.now();
    await other.close();
    expect(performance.now() - t1).toBeLessThan(500);
    await expect(fetch(`${other.issuer}/jwks`)).rejects.toThrow();
  });
});
