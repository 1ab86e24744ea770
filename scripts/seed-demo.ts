// Demo data: two accounts federated with the demo IdP, an organization tree with projects, a few hundred
// SSO-created users and a local-password owner. Idempotent: an account that exists is left as it is.
// Run by `npm start` (unless DEMO=off); by hand: `npm run db:seed` with DATABASE_URL and APP_SECRET set.
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/crypto/secret-box";
import { hashPassword } from "@/lib/auth/password";
import { connectionSecretContext } from "@/lib/federation/connection-secret";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { userNameKey } from "@/lib/users/user-name";
import { demoAccounts, generatedPeople, type DemoAccount } from "./demo/people.mjs";

export const DEMO_OWNER_PASSWORD = process.env.DEMO_OWNER_PASSWORD || "demo-owner-password";

interface OrgSpec {
  name: string;
  projects?: string[];
  children?: OrgSpec[];
}

const TREES: Record<string, { orgs: OrgSpec[]; generatedUsers: number }> = {
  acme: {
    generatedUsers: 300,
    orgs: [
      {
        name: "Acme Global",
        projects: ["Corporate Website"],
        children: [
          {
            name: "Acme Europe",
            projects: ["EU Data Platform"],
            children: [
              { name: "Acme Germany", projects: ["Frankfurt Data Center", "Berlin Office Network"] },
              { name: "Acme France", projects: ["Paris Edge Sites"] },
            ],
          },
          {
            name: "Acme Americas",
            projects: ["Payments"],
            children: [
              { name: "Acme United States", projects: ["Ashburn Colocation", "Mobile App"] },
              { name: "Acme Brazil", projects: ["São Paulo Expansion"] },
            ],
          },
        ],
      },
      { name: "Acme Labs", projects: ["Research Cluster"], children: [{ name: "Acme Robotics", projects: ["Warehouse Automation"] }] },
    ],
  },
  globex: {
    generatedUsers: 40,
    orgs: [{ name: "Globex Holdings", projects: ["Operations"], children: [{ name: "Globex Energy", projects: ["Grid Monitoring"] }] }],
  },
};

async function createOrganizations(accountId: string, specs: OrgSpec[], parentId: string | null): Promise<void> {
  for (const spec of specs) {
    const org = await db.organization.create({ data: { accountId, name: spec.name, parentId } });
    if (spec.projects?.length) {
      await db.project.createMany({ data: spec.projects.map((name) => ({ accountId, organizationId: org.id, name })) });
    }
    if (spec.children) await createOrganizations(accountId, spec.children, org.id);
  }
}

/** A deterministic pseudo-random sign-in time within the last 60 days (or never), so the demo looks lived-in. */
function lastSignInFor(index: number, now: number): Date | null {
  const r = (index * 2654435761) % 1000;
  if (r < 120) return null;
  return new Date(now - (r / 1000) * 60 * 24 * 3600 * 1000);
}

async function seedAccount(demo: DemoAccount, issuer: string): Promise<boolean> {
  if (await db.account.findUnique({ where: { slug: demo.slug } })) return false;
  const spec = TREES[demo.slug] ?? { orgs: [], generatedUsers: 0 };
  const account = await db.account.create({ data: { slug: demo.slug, name: demo.name } });
  await db.provisioning.create({ data: { accountId: account.id } });
  const connection = await db.federationConnection.create({
    data: {
      accountId: account.id,
      issuer,
      clientId: demo.clientId,
      clientSecretEncrypted: sealSecret(demo.clientSecret, connectionSecretContext(account.id)),
      verifiedAt: new Date(),
    },
  });
  await db.federationDomain.create({ data: { domain: demo.domain, accountId: account.id, connectionId: connection.id } });
  await createOrganizations(account.id, spec.orgs, null);

  const now = Date.now();
  const people = [demo.admin, ...demo.people, ...generatedPeople(demo.slug, spec.generatedUsers)];
  await db.user.createMany({
    data: people.map((p, i) => ({
      accountId: account.id,
      userName: p.email,
      userNameKey: userNameKey(p.email),
      name: p.name,
      source: "SSO" as const,
      // A few generated people have left the company: their SSO accounts were deactivated.
      active: i < 1 + demo.people.length || i % 37 !== 0,
      lastSignInAt: lastSignInFor(i, now),
      createdAt: new Date(now - (people.length - i) * 3600 * 1000),
    })),
  });
  const ownerEmail = `owner@${demo.domain}`;
  const owner = await db.user.create({
    data: {
      accountId: account.id,
      userName: ownerEmail,
      userNameKey: userNameKey(ownerEmail),
      name: `${demo.name} Owner`,
      source: "LOCAL",
      passwordHash: await hashPassword(DEMO_OWNER_PASSWORD),
    },
  });
  const admin = await db.user.findUniqueOrThrow({ where: { accountId_userNameKey: { accountId: account.id, userNameKey: userNameKey(demo.admin.email) } } });
  for (const userId of [owner.id, admin.id]) {
    await db.roleAssignment.create({
      data: { accountId: account.id, role: "ADMINISTRATOR", userId, scope: "ACCOUNT", grantedBy: "BOOTSTRAP", principalKey: `user:${userId}`, scopeKey: "account" },
    });
  }
  await db.$transaction((tx) =>
    recordAuditEvent(tx, account.id, {
      action: "account.created",
      actor: SYSTEM_ACTOR,
      target: { type: "account", id: account.id, label: account.name },
      after: { name: account.name, slug: account.slug, demo: true },
    }),
  );
  return true;
}

export async function seedDemoData(issuer: string): Promise<string[]> {
  const created: string[] = [];
  for (const demo of demoAccounts) if (await seedAccount(demo, issuer)) created.push(demo.slug);
  return created;
}

// Run directly (tsx scripts/seed-demo.ts).
if (import.meta.url === `file://${process.argv[1]}`) {
  const issuer = process.env.DEMO_IDP_ISSUER || `http://localhost:${process.env.DEMO_IDP_PORT || 3001}`;
  const created = await seedDemoData(issuer);
  console.log(created.length ? `demo data created for: ${created.join(", ")}` : "demo data already present");
  await db.$disconnect();
}
