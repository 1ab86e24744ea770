import { describe, expect, it } from "vitest";
import { inheritedLabel, roleLabel, viaExplanation, viaLabel } from "./describe";

describe("access wording", () => {
  it("names a nested chain from the group holding the role down to the user's own group", () => {
    const via = {
      kind: "group" as const,
      chain: [
        { id: "c", displayName: "Berlin Team" },
        { id: "b", displayName: "Platform Team" },
        { id: "a", displayName: "Engineering" },
      ],
    };
    expect(viaLabel(via)).toBe("Group Engineering › Platform Team › Berlin Team");
    expect(viaExplanation(via)).toBe("Member of Berlin Team, which is inside Platform Team, inside Engineering; the role is given to Engineering.");
  });

  it("keeps direct grants and single groups short", () => {
    expect(viaLabel({ kind: "direct" })).toBe("Direct");
    expect(viaLabel({ kind: "group", chain: [{ id: "a", displayName: "Engineering" }] })).toBe("Group Engineering");
    expect(viaExplanation({ kind: "group", chain: [{ id: "a", displayName: "Engineering" }] })).toBeNull();
  });

  it("says where a role comes from", () => {
    expect(inheritedLabel({ type: "ORGANIZATION", id: "o", name: "Acme Europe" })).toBe("Inherited from organization Acme Europe");
    expect(inheritedLabel({ type: "ACCOUNT" })).toBe("Inherited from the whole account");
    expect(roleLabel("PROJECT_ADMIN")).toBe("Project admin");
  });
});
