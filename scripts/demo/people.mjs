// The demo organizations and people, shared by the demo IdP (oidc-idp.mjs) and the demo-data seed.
// Everyone signs in at the demo IdP with DEMO_PASSWORD.
import { createHash } from "node:crypto";

export const DEMO_PASSWORD = "demo";

/** Highest number a generated person can have (user9999@…). */
export const MAX_GENERATED = 9999;

/**
 * @typedef {{ email: string, name: string, givenName: string, familyName: string }} DemoPerson
 * @typedef {{
 *   slug: string, name: string, domain: string, clientId: string, clientSecret: string,
 *   admin: DemoPerson, people: DemoPerson[],
 * }} DemoAccount
 * @typedef {{ person: DemoPerson, account: DemoAccount, role: "admin" | "user", generated: boolean }} DemoPersonMatch
 */

/**
 * @param {string} email
 * @param {string} givenName
 * @param {string} familyName
 * @returns {DemoPerson}
 */
function person(email, givenName, familyName) {
  return { email, name: `${givenName} ${familyName}`, givenName, familyName };
}

/** @type {readonly DemoAccount[]} */
export const demoAccounts = Object.freeze([
  {
    slug: "acme",
    name: "Acme Corporation",
    domain: "acme.test",
    clientId: "portal-acme",
    clientSecret: "acme-demo-client-secret",
    admin: person("alice.admin@acme.test", "Alice", "Admin"),
    people: [
      person("bob.builder@acme.test", "Bob", "Builder"),
      person("carol.chen@acme.test", "Carol", "Chen"),
      person("dan.diaz@acme.test", "Dan", "Diaz"),
      person("erin.evans@acme.test", "Erin", "Evans"),
    ],
  },
  {
    slug: "globex",
    name: "Globex Industries",
    domain: "globex.test",
    clientId: "portal-globex",
    clientSecret: "globex-demo-client-secret",
    admin: person("grace.admin@globex.test", "Grace", "Admin"),
    people: [
      person("hank.hughes@globex.test", "Hank", "Hughes"),
      person("ivy.ito@globex.test", "Ivy", "Ito"),
      person("jack.jones@globex.test", "Jack", "Jones"),
    ],
  },
]);

const FIRST_NAMES = [
  "Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "Hedy", "Ivan",
  "John", "Katherine", "Linus", "Margaret", "Niklaus", "Radia", "Ken", "Shafi", "Tim", "Whitfield",
];
const LAST_NAMES = [
  "Lovelace", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Hopper", "Lamarr", "Sutherland",
  "McCarthy", "Johnson", "Torvalds", "Hamilton", "Wirth", "Perlman", "Thompson", "Goldwasser", "Berners-Lee", "Diffie",
];

/**
 * The n-th generated person of a domain (1-based): user0001@acme.test is "Ada Lovelace 0001".
 * @param {string} domain
 * @param {number} n
 * @returns {DemoPerson}
 */
function generatedPerson(domain, n) {
  const digits = String(n).padStart(4, "0");
  const givenName = /** @type {string} */ (FIRST_NAMES[(n - 1) % FIRST_NAMES.length]);
  const familyName = /** @type {string} */ (LAST_NAMES[Math.floor((n - 1) / FIRST_NAMES.length) % LAST_NAMES.length]);
  return { email: `user${digits}@${domain}`, name: `${givenName} ${familyName} ${digits}`, givenName, familyName };
}

/**
 * Deterministic generated people of a demo account: user0001@<domain> … user<count>@<domain>.
 * @param {string} slug a demo account's slug
 * @param {number} count at most MAX_GENERATED
 * @returns {DemoPerson[]}
 */
export function generatedPeople(slug, count) {
  const account = demoAccounts.find((a) => a.slug === slug);
  if (!account) throw new Error(`unknown demo account: ${slug}`);
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_GENERATED}`);
  }
  return Array.from({ length: count }, (_, i) => generatedPerson(account.domain, i + 1));
}

/**
 * Finds a demo person (admin, named or generated) by email, case-insensitively.
 * @param {string} email
 * @returns {DemoPersonMatch | undefined}
 */
export function findDemoPerson(email) {
  const wanted = String(email).trim().toLowerCase();
  const at = wanted.lastIndexOf("@");
  const account = demoAccounts.find((a) => a.domain === wanted.slice(at + 1));
  if (at < 1 || !account) return undefined;
  if (account.admin.email === wanted) return { person: account.admin, account, role: "admin", generated: false };
  const named = account.people.find((p) => p.email === wanted);
  if (named) return { person: named, account, role: "user", generated: false };
  const m = /^user(\d{4})$/.exec(wanted.slice(0, at));
  const n = m ? Number(m[1]) : 0;
  if (n >= 1 && n <= MAX_GENERATED) {
    return { person: generatedPerson(account.domain, n), account, role: "user", generated: true };
  }
  return undefined;
}

/**
 * The demo account whose OIDC client has this client_id.
 * @param {string} clientId
 * @returns {DemoAccount | undefined}
 */
export function findDemoAccountByClientId(clientId) {
  return demoAccounts.find((a) => a.clientId === clientId);
}

/**
 * The stable OIDC subject ("sub") of a demo person: a UUID-shaped hash of the lower-cased email,
 * so the seed can store the same identifier the IdP will send.
 * @param {string} email
 * @returns {string}
 */
export function demoSubject(email) {
  const h = createHash("sha256").update(`demo-idp:${String(email).trim().toLowerCase()}`).digest("hex");
  // Version 8 ("custom") UUID layout.
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
