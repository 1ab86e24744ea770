// A demo OpenID Provider (npm oidc-provider) with one client per demo account and its own login page.
// Started by the quick start and used by the browser tests; all state is in memory, per start.
// Run alone: node scripts/demo/oidc-idp.mjs (env DEMO_IDP_PORT, DEMO_IDP_ISSUER, APP_URL, DEMO_IDP_REMEMBER=1).
import { generateKeyPair, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";

import { errorPage, loggedOutPage, loginPage, logoutPage } from "./idp-pages.mjs";
import { createMemoryAdapter } from "./memory-adapter.mjs";
import { DEMO_PASSWORD, demoAccounts, demoSubject, findDemoAccountByClientId, findDemoPerson } from "./people.mjs";

/**
 * @typedef {{ port?: number, host?: string, issuer?: string, portalUrl?: string,
 *   forceLogin?: boolean, log?: (msg: string) => void }} DemoIdpOptions
 * @typedef {any} OidcContext oidc-provider's Koa context (the package ships no types)
 */

/** Scopes every demo client gets without a consent page (first-party clients). */
const GRANTED_SCOPES = "openid email profile";
const WRONG_CREDENTIALS = "Unknown email or wrong password";
const MAX_BODY = 16 * 1024;

// The RS256 signing key: made once per process, starting on import, since RSA key generation takes
// 0.1-0.5 s (a prime search) and can then overlap with whatever else is starting.
const signingKey = promisify(generateKeyPair)("rsa", { modulusLength: 2048 }).then(({ privateKey }) => ({
  ...privateKey.export({ format: "jwk" }),
  kid: randomBytes(8).toString("hex"),
  alg: "RS256",
  use: "sig",
}));
signingKey.catch(() => {}); // reported by startDemoIdp

/** @type {Promise<typeof import("oidc-provider")> | undefined} */
let oidcModule;

// oidc-provider 9 warns on import that Node 20 is unsupported (it asks for 22); it works on 20.20, so drop that line.
function loadOidcProvider() {
  oidcModule ??= (async () => {
    const warn = console.warn;
    console.warn = (...args) => {
      if (!String(args[0]).includes("Unsupported runtime")) warn(...args);
    };
    try {
      return await import("oidc-provider");
    } finally {
      console.warn = warn;
    }
  })();
  return oidcModule;
}

/**
 * Reads an application/x-www-form-urlencoded body.
 * @param {http.IncomingMessage} req
 */
async function readForm(req) {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) throw Object.assign(new Error("request body too large"), { status: 413, expose: true });
  }
  return new URLSearchParams(body);
}

/**
 * Builds the oidc-provider instance (a Koa app).
 * @param {{ issuer: string, portalUrl: string, forceLogin: boolean, log?: (msg: string) => void, report: (msg: string) => void }} o
 */
async function createProvider({ issuer, portalUrl, forceLogin, log, report }) {
  const [{ Provider, interactionPolicy }, jwk] = await Promise.all([loadOidcProvider(), signingKey]);

  /** Demo people by subject (findAccount gets only the subject); generated people are added at sign-in. */
  const bySubject = new Map(
    demoAccounts.flatMap((a) => [a.admin, ...a.people]).map((p) => [demoSubject(p.email), findDemoPerson(p.email)]),
  );

  // Login prompt: also when the session's person belongs to another organization, and (forceLogin) every time.
  const { Check } = interactionPolicy;
  const policy = interactionPolicy.base();
  const loginChecks = policy.get("login").checks;
  loginChecks.add(
    new Check("demo_tenant_mismatch", "the signed-in person does not belong to this client's organization", "login_required",
      (/** @type {OidcContext} */ ctx) => {
        const { accountId } = ctx.oidc.session;
        return Boolean(accountId && bySubject.get(accountId)?.account.clientId !== ctx.oidc.client?.clientId);
      }),
  );
  if (forceLogin) {
    loginChecks.add(
      new Check("demo_force_login", "the demo IdP asks for credentials on every sign-in", "login_required",
        (/** @type {OidcContext} */ ctx) => !ctx.oidc.result?.login),
    );
  }

  const provider = new Provider(issuer, {
    adapter: createMemoryAdapter(),
    clients: demoAccounts.map((a) => ({
      client_id: a.clientId,
      client_secret: a.clientSecret,
      client_name: a.name,
      redirect_uris: [`${portalUrl}/api/auth/callback/sso-${a.slug}`],
      post_logout_redirect_uris: [`${portalUrl}/signin`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      // oidc-provider accepts client_secret_post as well for a client registered with client_secret_basic.
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [jwk] },
    cookies: {
      keys: [randomBytes(32).toString("base64url")],
      // Cookies are per host, not per port: stay clear of the portal's cookies on localhost.
      names: { session: "demo_idp_session", interaction: "demo_idp_interaction", resume: "demo_idp_resume" },
    },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name", "preferred_username"],
    },
    scopes: ["openid", "email", "profile"],
    conformIdTokenClaims: false, // scope claims go into the ID token too (next-auth reads the ID token)
    pkce: { required: () => false },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (/** @type {OidcContext} */ ctx, /** @type {string} */ form) => {
          ctx.type = "html";
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (/** @type {OidcContext} */ ctx) => {
          ctx.type = "html";
          ctx.body = loggedOutPage();
        },
      },
    },
    interactions: { policy, url: (/** @type {OidcContext} */ _ctx, /** @type {{ uid: string }} */ i) => `/interaction/${i.uid}` },
    async loadExistingGrant(/** @type {OidcContext} */ ctx) {
      // No consent page: the session's grant (or a new one) always covers the demo scopes.
      const { provider: p, client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
      let grant = grantId ? await p.Grant.find(grantId) : undefined;
      if (!grant || grant.accountId !== session.accountId) {
        grant = new p.Grant({ accountId: session.accountId, clientId: client.clientId });
      }
      grant.addOIDCScope(GRANTED_SCOPES);
      await grant.save();
      return grant;
    },
    async findAccount(/** @type {OidcContext} */ _ctx, /** @type {string} */ sub) {
      const match = bySubject.get(sub);
      if (!match) return undefined;
      const { person } = match;
      const claims = {
        sub,
        email: person.email,
        email_verified: true,
        name: person.name,
        given_name: person.givenName,
        family_name: person.familyName,
        preferred_username: person.email,
      };
      return { accountId: sub, claims: async () => claims };
    },
    async renderError(/** @type {OidcContext} */ ctx, /** @type {Record<string, string>} */ out) {
      ctx.type = "html";
      ctx.body = errorPage("Sign-in error", [out.error, out.error_description].filter(Boolean).join(": "), portalUrl);
    },
    clientBasedCORS: (/** @type {OidcContext} */ _ctx, /** @type {string} */ origin) => origin === new URL(portalUrl).origin,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 120,
      ClientCredentials: 600,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 86400,
      Session: 86400,
      RefreshToken: 86400,
      DeviceCode: 600,
      BackchannelAuthenticationRequest: 600,
      PreAuthorizedCode: 600,
    },
  });

  provider.on("server_error", (/** @type {OidcContext} */ _ctx, /** @type {Error} */ err) => report(`demo IdP server error: ${err.stack ?? err}`));
  // Koa's "error" event: without a listener Koa prints every error itself.
  provider.on("error", (/** @type {any} */ err) => {
    if (!err.expose && (err.status ?? 500) >= 500) report(`demo IdP error: ${err.stack ?? err}`);
  });

  if (log) {
    provider.use(async (/** @type {OidcContext} */ ctx, /** @type {() => Promise<void>} */ next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        log(`idp ${ctx.method} ${ctx.path} ${ctx.status} ${Math.round(performance.now() - started)}ms`);
      }
    });
  }

  // The interaction: GET /interaction/:uid shows the form, POST checks it, GET …/abort cancels.
  provider.use(async (/** @type {OidcContext} */ ctx, /** @type {() => Promise<void>} */ next) => {
    const m = /^\/interaction\/([\w-]+)(\/abort)?$/.exec(ctx.path);
    if (!m) return next();
    ctx.set("Cache-Control", "no-store");
    try {
      await interaction(ctx, m[1], Boolean(m[2]));
    } catch (err) {
      const e = /** @type {{ status?: number, statusCode?: number, message?: string, error_description?: string }} */ (err);
      const status = e.statusCode ?? e.status ?? 500;
      if (status >= 500) report(`demo IdP interaction error: ${/** @type {Error} */ (err).stack ?? err}`);
      ctx.status = status;
      ctx.type = "html";
      ctx.body = errorPage("This sign-in cannot continue", status < 500 ? (e.error_description ?? e.message ?? "") : "Internal error", portalUrl);
    }
  });

  /**
   * @param {OidcContext} ctx
   * @param {string} uid
   * @param {boolean} abort
   */
  async function interaction(ctx, uid, abort) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== uid) throw Object.assign(new Error("interaction mismatch"), { status: 400 });
    const { prompt, params } = details;
    const clientId = String(params.client_id);
    const account = findDemoAccountByClientId(clientId);
    const clientName = account?.name ?? clientId;
    const finish = async (/** @type {object} */ result) => {
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
      ctx.status = 303;
      ctx.redirect(returnTo);
    };

    if (abort) {
      if (ctx.method !== "GET") return void (ctx.status = 405);
      return finish({ error: "access_denied", error_description: "the person cancelled the sign-in" });
    }
    if (prompt.name !== "login") {
      // Not expected (loadExistingGrant grants everything), but settle a consent prompt without a page.
      const grant = new provider.Grant({ accountId: details.session?.accountId, clientId });
      grant.addOIDCScope(GRANTED_SCOPES);
      return finish({ consent: { grantId: await grant.save() } });
    }

    const view = { uid, clientName, accountName: account?.name, email: String(params.login_hint ?? "") };
    ctx.type = "html";
    if (ctx.method === "GET") {
      const current = prompt.reasons.includes("demo_tenant_mismatch") ? bySubject.get(details.session?.accountId ?? "") : undefined;
      const info = current ? `${current.person.email} cannot use ${clientName}; sign in with a ${clientName} account.` : undefined;
      ctx.body = loginPage({ ...view, info });
      return;
    }
    if (ctx.method !== "POST") return void (ctx.status = 405);

    const form = await readForm(ctx.req);
    const email = (form.get("email") ?? "").trim();
    const match = findDemoPerson(email);
    if (!match || form.get("password") !== DEMO_PASSWORD) {
      ctx.status = 401;
      ctx.body = loginPage({ ...view, email, error: WRONG_CREDENTIALS });
      return;
    }
    if (match.account.clientId !== clientId) {
      ctx.status = 403;
      const error = `${match.person.email} belongs to ${match.account.name} and cannot sign in to ${clientName}.`;
      ctx.body = loginPage({ ...view, email, error });
      return;
    }
    const sub = demoSubject(match.person.email);
    bySubject.set(sub, match);
    await finish({ login: { accountId: sub, amr: ["pwd"] } });
  }

  return provider;
}

/**
 * Starts the demo IdP. With port 0 the OS picks a free port (the default issuer follows it).
 * @param {DemoIdpOptions} [options]
 * @returns {Promise<{ issuer: string, port: number, close(): Promise<void> }>}
 */
export async function startDemoIdp(options = {}) {
  const { port = 3001, host = "127.0.0.1", forceLogin = true, log } = options;
  const portalUrl = (options.portalUrl ?? "http://localhost:3000").replace(/\/+$/, "");
  const report = log ?? ((/** @type {string} */ msg) => console.error(msg));

  /** @type {http.RequestListener} */
  let handle = (_req, res) => void res.writeHead(503).end();
  const server = http.createServer((req, res) => handle(req, res));
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const close = () => {
    const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
    server.closeAllConnections(); // keep-alive sockets too, so Ctrl-C never waits
    return closed.then(() => {});
  };

  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const issuer = (options.issuer ?? `http://localhost:${actualPort}`).replace(/\/+$/, "");
  try {
    handle = (await createProvider({ issuer, portalUrl, forceLogin, log, report })).callback();
  } catch (err) {
    await close();
    throw err;
  }

  /** @type {Promise<void> | undefined} */
  let closing;
  return { issuer, port: actualPort, close: () => (closing ??= close()) };
}

// CLI: node scripts/demo/oidc-idp.mjs
if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const port = Number(process.env.DEMO_IDP_PORT || 3001);
  const idp = await startDemoIdp({
    port,
    issuer: process.env.DEMO_IDP_ISSUER || `http://localhost:${port}`,
    portalUrl: process.env.APP_URL || "http://localhost:3000",
    forceLogin: process.env.DEMO_IDP_REMEMBER !== "1",
    log: (msg) => console.log(msg),
  });
  console.log(`Demo IdP ready: ${idp.issuer}/.well-known/openid-configuration`);
  console.log(`Sign in as ${demoAccounts.map((a) => a.admin.email).join(" or ")}, password "${DEMO_PASSWORD}".`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
