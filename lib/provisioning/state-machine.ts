import type { ProvisioningState } from "@/lib/generated/prisma/enums";

// The provisioning lifecycle of an account, as one transition table. Every state change goes through
// `transitionProvisioning` (transition.ts), which applies a row of this table with a compare-and-set.
//
//   OFF --enable--> ENABLING --enable_completed--> ENABLED --complete_setup--> ACTIVE <--resume-- PAUSED
//                                                     ^  <------remove_setup------ ACTIVE, PAUSED
//                                                           ACTIVE --pause / auto_pause--> PAUSED
//   ENABLED, ACTIVE, PAUSED --turn_off--> RESETTING --reset_completed--> OFF

export type ProvisioningEvent =
  | "enable"
  | "enable_completed"
  | "complete_setup"
  | "remove_setup"
  | "pause"
  | "auto_pause"
  | "resume"
  | "turn_off"
  | "reset_completed";

export const TRANSITIONS: Readonly<Record<ProvisioningEvent, { from: readonly ProvisioningState[]; to: ProvisioningState }>> = {
  enable: { from: ["OFF"], to: "ENABLING" },
  enable_completed: { from: ["ENABLING"], to: "ENABLED" },
  complete_setup: { from: ["ENABLED"], to: "ACTIVE" },
  remove_setup: { from: ["ACTIVE", "PAUSED"], to: "ENABLED" },
  pause: { from: ["ACTIVE"], to: "PAUSED" },
  auto_pause: { from: ["ACTIVE"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "ACTIVE" },
  turn_off: { from: ["ENABLED", "ACTIVE", "PAUSED"], to: "RESETTING" },
  reset_completed: { from: ["RESETTING"], to: "OFF" },
};

/** The state an event leads to from `state`, or null when the table has no such row. */
export function nextState(state: ProvisioningState, event: ProvisioningEvent): ProvisioningState | null {
  const rule = TRANSITIONS[event];
  return rule.from.includes(state) ? rule.to : null;
}

/** While a background job rewrites the account, the whole account is read-only. */
export function isReadOnly(state: ProvisioningState): boolean {
  return state === "ENABLING" || state === "RESETTING";
}

/** The IdP is the source of truth for users in every state but OFF (SSO sign-in creates nobody). */
export function isScimManaged(state: ProvisioningState): boolean {
  return state !== "OFF";
}

/** Whether SCIM changes reach portal users now, or are held until the administrator resumes (or sets up). */
export function appliesChanges(state: ProvisioningState): boolean {
  return state === "ACTIVE";
}
