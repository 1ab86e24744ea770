import { describe, expect, it } from "vitest";
import type { ProvisioningState } from "@/lib/generated/prisma/enums";
import { decideFederatedSignIn } from "./sign-in-policy";

const scimOn: ProvisioningState[] = ["ENABLING", "ENABLED", "ACTIVE", "PAUSED", "RESETTING"];

describe("decideFederatedSignIn", () => {
  it("creates an unknown user just in time when provisioning is off", () => {
    expect(decideFederatedSignIn({ provisioningState: "OFF", existingUser: null, emailDomainAllowed: true }))
      .toEqual({ kind: "create", source: "SSO" });
  });

  it("refuses JIT creation outside the connection's domains", () => {
    expect(decideFederatedSignIn({ provisioningState: "OFF", existingUser: null, emailDomainAllowed: false }))
      .toEqual({ kind: "refuse", reason: "domain-not-allowed" });
  });

  it.each(scimOn)("never creates users while provisioning is %s", (state) => {
    expect(decideFederatedSignIn({ provisioningState: state, existingUser: null, emailDomainAllowed: true }))
      .toEqual({ kind: "refuse", reason: "not-provisioned" });
  });

  it("refuses a deactivated user in every state", () => {
    for (const state of ["OFF", ...scimOn] as ProvisioningState[]) {
      expect(decideFederatedSignIn({ provisioningState: state, existingUser: { active: false, source: "SCIM" }, emailDomainAllowed: true }))
        .toEqual({ kind: "refuse", reason: "deactivated" });
    }
  });

  it("updates an SSO user's profile only while provisioning is off", () => {
    expect(decideFederatedSignIn({ provisioningState: "OFF", existingUser: { active: true, source: "SSO" }, emailDomainAllowed: true }))
      .toEqual({ kind: "allow", updateProfile: true });
    expect(decideFederatedSignIn({ provisioningState: "ACTIVE", existingUser: { active: true, source: "SCIM" }, emailDomainAllowed: true }))
      .toEqual({ kind: "allow", updateProfile: false });
    expect(decideFederatedSignIn({ provisioningState: "OFF", existingUser: { active: true, source: "LOCAL" }, emailDomainAllowed: true }))
      .toEqual({ kind: "allow", updateProfile: false });
  });
});
