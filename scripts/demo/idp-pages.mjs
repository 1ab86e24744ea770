// HTML pages of the demo IdP: login form, sign-out, errors. Plain strings, no assets.
import { DEMO_PASSWORD, demoAccounts } from "./people.mjs";

/** @param {unknown} s */
export function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;color:#1f2937}
main{max-width:380px;margin:48px auto;background:#fff;padding:28px 32px;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.3rem;margin:0 0 4px}p.sub{margin:0 0 20px;color:#4b5563}label{display:block;font-weight:600;margin:12px 0 4px}
input{width:100%;box-sizing:border-box;padding:8px 10px;font-size:1rem;border:1px solid #9ca3af;border-radius:4px}
button{margin-top:18px;width:100%;padding:10px;font-size:1rem;font-weight:600;border:0;border-radius:4px;background:#2563eb;color:#fff;cursor:pointer}
.error{background:#fee2e2;color:#991b1b;padding:8px 10px;border-radius:4px}.info{background:#e0f2fe;padding:8px 10px;border-radius:4px}
.hint{margin-top:24px;font-size:.9rem;color:#374151;border-top:1px solid #e5e7eb;padding-top:12px}.hint ul{padding-left:18px}
a{color:#2563eb}.cancel{display:block;text-align:center;margin-top:12px}`;

/**
 * @param {string} title
 * @param {string} body trusted HTML
 */
export function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Demo IdP</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The sign-in form (posts back to /interaction/:uid).
 * @param {{ uid: string, clientName: string, accountName?: string, email: string, error?: string, info?: string }} v
 */
export function loginPage({ uid, clientName, accountName, email, error, info }) {
  const admins = demoAccounts.map((a) => `<li><code>${esc(a.admin.email)}</code> (${esc(a.name)} admin)</li>`).join("");
  const only = accountName ? ` (only ${esc(accountName)} people can sign in here)` : "";
  return page(
    "Sign in",
    `<h1>Demo identity provider</h1><p class="sub">Sign in to continue to <strong>${esc(clientName)}</strong></p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}${info ? `<p class="info">${esc(info)}</p>` : ""}
<form method="post" action="/interaction/${esc(uid)}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required value="${esc(email)}"${email ? "" : " autofocus"}>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required${email ? " autofocus" : ""}>
<button type="submit">Sign in</button></form>
<a class="cancel" href="/interaction/${esc(uid)}/abort">Cancel</a>
<div class="hint"><p>Demo accounts${only}:</p><ul>${admins}</ul>
<p>Every demo person's password is <code>${esc(DEMO_PASSWORD)}</code>.</p></div>`,
  );
}

/**
 * RP-initiated logout: oidc-provider's form, submitted at once (the button is the no-script fallback).
 * @param {string} form oidc-provider's hidden-field form (id "op.logoutForm")
 */
export function logoutPage(form) {
  return page(
    "Sign out",
    `<h1>Signing out…</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" id="signout">Sign out</button>
<script>document.getElementById("signout").click()</script>`,
  );
}

export function loggedOutPage() {
  return page("Signed out", `<h1>Signed out</h1><p class="sub">You have signed out of the demo IdP.</p>`);
}

/**
 * @param {string} heading
 * @param {string} message
 * @param {string} portalUrl
 */
export function errorPage(heading, message, portalUrl) {
  return page(
    heading,
    `<h1>${esc(heading)}</h1><p class="error" role="alert">${esc(message)}</p><p>Start again from <a href="${esc(portalUrl)}">the portal</a>.</p>`,
  );
}
