// Types for people.mjs (the demo organizations and people).
export interface DemoPerson {
  email: string;
  name: string;
  givenName: string;
  familyName: string;
}

export interface DemoAccount {
  slug: string;
  name: string;
  domain: string;
  /** OIDC client of this account at the demo IdP; the redirect URI is `${APP_URL}/api/auth/callback/sso-${slug}`. */
  clientId: string;
  clientSecret: string;
  admin: DemoPerson;
  people: DemoPerson[];
}

export interface DemoPersonMatch {
  person: DemoPerson;
  account: DemoAccount;
  role: "admin" | "user";
  generated: boolean;
}

export const DEMO_PASSWORD: "demo";
/** Highest number a generated person can have (user9999@…). */
export const MAX_GENERATED: number;
export const demoAccounts: readonly DemoAccount[];
/** user0001@<domain> "Ada Lovelace 0001" … user<count>@<domain>, the same on every call. */
export function generatedPeople(slug: string, count: number): DemoPerson[];
/** Admin, named or generated person of any demo account; case-insensitive. */
export function findDemoPerson(email: string): DemoPersonMatch | undefined;
export function findDemoAccountByClientId(clientId: string): DemoAccount | undefined;
/** The `sub` the demo IdP sends for this email (UUID-shaped, stable across restarts). */
export function demoSubject(email: string): string;
