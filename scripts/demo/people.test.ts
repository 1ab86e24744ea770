import { describe, expect, it } from "vitest";

import { DEMO_PASSWORD, demoAccounts, demoSubject, findDemoAccountByClientId, findDemoPerson, generatedPeople } from "./people.mjs";

describe("demo people", () => {
  it("has the two demo organizations with their clients and admins", () => {
    expect(DEMO_PASSWORD).toBe("demo");
    expect(demoAccounts.map((a) => [a.slug, a.domain, a.clientId, a.admin.email])).toEqual([
      ["acme", "acme.test", "portal-acme", "alice.admin@acme.test"],
      ["globex", "globex.test", "portal-globex", "grace.admin@globex.test"],
    ]);
    for (const a of demoAccounts) {
      for (const p of [a.admin, ...a.people]) expect(p.email.endsWith(`@${a.domain}`)).toBe(true);
      expect(findDemoAccountByClientId(a.clientId)).toBe(a);
    }
  });

  it("generates the same people every time", () => {
    const people = generatedPeople("acme", 300);
    expect(people).toHaveLength(300);
    expect(people[0]).toEqual({ email: "user0001@acme.test", name: "Ada Lovelace 0001", givenName: "Ada", familyName: "Lovelace" });
    expect(people[299]?.email).toBe("user0300@acme.test");
    expect(new Set(people.map((p) => p.email)).size).toBe(300);
    expect(generatedPeople("acme", 300)).toEqual(people);
    expect(() => generatedPeople("nope", 1)).toThrow();
  });

  it("finds admins, named and generated people case-insensitively, and nobody else", () => {
    expect(findDemoPerson(" Alice.Admin@ACME.test ")).toMatchObject({ role: "admin", generated: false, account: { slug: "acme" } });
    expect(findDemoPerson("bob.builder@acme.test")).toMatchObject({ role: "user", person: { name: "Bob Builder" } });
    expect(findDemoPerson("USER0150@globex.test")).toMatchObject({
      generated: true,
      account: { slug: "globex" },
      person: generatedPeople("globex", 150)[149],
    });
    for (const email of ["user0000@acme.test", "user12@acme.test", "bob.builder@globex.test", "alice.admin@acme.test.evil", "", "acme.test"]) {
      expect(findDemoPerson(email)).toBeUndefined();
    }
  });

  it("derives a stable UUID-shaped subject from the email", () => {
    const sub = demoSubject("alice.admin@acme.test");
    expect(sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoSubject("ALICE.ADMIN@acme.test")).toBe(sub);
    expect(demoSubject("bob.builder@acme.test")).not.toBe(sub);
  });
});
