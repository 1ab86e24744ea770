import { describe, expect, it } from "vitest";
import { createAccount, createUser } from "@/lib/testing/fixtures";
import { listUsers, USERS_PAGE_SIZE } from "./list-users";

describe("listUsers", () => {
  it("pages through one account's users in email order, never another account's", async () => {
    const account = await createAccount();
    const other = await createAccount();
    for (let i = 0; i < USERS_PAGE_SIZE + 3; i++) await createUser(account.id, { email: `u${String(i).padStart(3, "0")}@${account.domain}` });
    await createUser(other.id, { email: `u000@${other.domain}` });

    const first = await listUsers(account.id, { page: 1 });
    expect(first.total).toBe(USERS_PAGE_SIZE + 3);
    expect(first.users).toHaveLength(USERS_PAGE_SIZE);
    expect(first.users[0]!.userName).toBe(`u000@${account.domain}`);
    const second = await listUsers(account.id, { page: 2 });
    expect(second.users.map((u) => u.userName)).toEqual([25, 26, 27].map((i) => `u0${i}@${account.domain}`));
  });

  it("searches email and name case-insensitively", async () => {
    const account = await createAccount();
    await createUser(account.id, { email: `zoe@${account.domain}`, name: "Zoë Zimmer" });
    await createUser(account.id, { email: `yan@${account.domain}`, name: "Yan" });
    expect((await listUsers(account.id, { page: 1, search: "ZOE@" })).users.map((u) => u.name)).toEqual(["Zoë Zimmer"]);
    expect((await listUsers(account.id, { page: 1, search: "zimmer" })).total).toBe(1);
  });
});
