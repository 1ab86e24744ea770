import { describe, expect, it } from "vitest";
import { indexFragment } from "./search-events";

describe("indexFragment", () => {
  it("picks a run of 5 or more digits, else the end of an email's local part with its @, else the whole text", () => {
    expect(indexFragment("User28267@Bench-1.test")).toBe("28267");
    expect(indexFragment("user5@acme.test")).toBe("ser5@");
    expect(indexFragment("Alice.Admin@acme.test")).toBe("dmin@");
    expect(indexFragment("system al@acme.test")).toBe("al@");
    expect(indexFragment("Retention")).toBe("retention");
    expect(indexFragment("members_ch")).toBe("members_ch");
    expect(indexFragment("Group 100")).toBe("group 100");
    expect(indexFragment("user1234@acme.test")).toBe("1234@");
    expect(indexFragment("@acme")).toBe("@acme");
  });
});
