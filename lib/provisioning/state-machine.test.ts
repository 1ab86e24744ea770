import { describe, expect, it } from "vitest";
import type { ProvisioningState } from "@/lib/generated/prisma/enums";
import { appliesChanges, isReadOnly, nextState, TRANSITIONS, type ProvisioningEvent } from "./state-machine";

const STATES: ProvisioningState[] = ["OFF", "ENABLING", "ENABLED", "ACTIVE", "PAUSED", "RESETTING"];

describe("provisioning state machine", () => {
  it("follows the administrator's journey", () => {
    const journey: [ProvisioningEvent, ProvisioningState][] = [
      ["enable", "ENABLING"],
      ["enable_completed", "ENABLED"],
      ["complete_setup", "ACTIVE"],
      ["pause", "PAUSED"],
      ["resume", "ACTIVE"],
      ["auto_pause", "PAUSED"],
      ["remove_setup", "ENABLED"],
      ["turn_off", "RESETTING"],
      ["reset_completed", "OFF"],
    ];
    let state: ProvisioningState = "OFF";
    for (const [event, expected] of journey) {
      const next = nextState(state, event);
      expect(next, `${event} from ${state}`).toBe(expected);
      state = next!;
    }
  });

  it("refuses every transition the table does not list", () => {
    for (const state of STATES) {
      for (const [event, rule] of Object.entries(TRANSITIONS) as [ProvisioningEvent, (typeof TRANSITIONS)[ProvisioningEvent]][]) {
        expect(nextState(state, event)).toBe(rule.from.includes(state) ? rule.to : null);
      }
    }
    expect(nextState("ENABLING", "turn_off")).toBeNull(); // a running job is never interrupted by a transition
    expect(nextState("RESETTING", "enable")).toBeNull();
    expect(nextState("OFF", "pause")).toBeNull();
  });

  it("is read-only exactly while a job rewrites the account, and applies changes only when active", () => {
    expect(STATES.filter(isReadOnly)).toEqual(["ENABLING", "RESETTING"]);
    expect(STATES.filter(appliesChanges)).toEqual(["ACTIVE"]);
  });
});
