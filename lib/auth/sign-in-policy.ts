import type { ProvisioningState, UserSource } from "@/lib/generated/prisma/enums";

// The one place that decides whether a federated sign-in may proceed, and what it may do to the user.
// SCIM state gates it: with provisioning off, SSO creates and updates users (JIT); with provisioning in any
// other state the IdP manages users over SCIM, so SSO only lets in users that provisioning gave access.

export type SignInRefusal =
  | "deactivated" // the user exists but has no access
  | "not-provisioned" // SCIM is on and provisioning has not created this user
  | "domain-not-allowed"; // JIT would create a user outside the connection's email domains

export type FederatedSignInDecision =
  | { kind: "allow"; updateProfile: boolean }
  | { kind: "create"; source: UserSource }
  | { kind: "refuse"; reason: SignInRefusal };

export interface FederatedSignInFacts {
  provisioningState: ProvisioningState;
  existingUser: { active: boolean; source: UserSource } | null;
  /** The email's domain is one of the federation connection's domains. */
  emailDomainAllowed: boolean;
}

export function decideFederatedSignIn(facts: FederatedSignInFacts): FederatedSignInDecision {
  const scimManaged = facts.provisioningState !== "OFF";
  const user = facts.existingUser;
  if (user) {
    if (!user.active) return { kind: "refuse", reason: "deactivated" };
    // With SCIM on, the IdP's SCIM writes are the source of truth: sign-in claims do not overwrite them.
    return { kind: "allow", updateProfile: !scimManaged && user.source === "SSO" };
  }
  if (scimManaged) return { kind: "refuse", reason: "not-provisioned" };
  if (!facts.emailDomainAllowed) return { kind: "refuse", reason: "domain-not-allowed" };
  return { kind: "create", source: "SSO" };
}

export const SIGN_IN_REFUSAL_MESSAGES: Record<SignInRefusal, string> = {
  "deactivated": "Your access to this account has been turned off. Ask your administrator if you think this is a mistake.",
  "not-provisioned": "Your identity provider has not given you access to this account yet. Ask your administrator to assign you to the application.",
  "domain-not-allowed": "Your email domain is not registered for this account's single sign-on.",
};
