import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccountWithToken, idOf, scimClient, startScimServer } from "@/lib/testing/scim-http-server";
import { GROUP_SEARCH_LIMIT, searchDirectoryGroups } from "./search-groups";

let server: Awaited<ReturnType<typeof startScimServer>>;
beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await server.close();
});

const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

async function newAccount() {
  const { account, token } = await createAccountWithToken();
  const scim = scimClient(server.baseUrl, token);
  const user = async (name: string) => idOf(await scim.post("/Users", { schemas: [USER], userName: `${name}@${account.domain}`, active: true }));
  const group = async (displayName: string, members: { value: string; type?: string }[] = []) =>
    idOf(await scim.post("/Groups", { schemas: [GROUP], displayName, members }));
  return { account, user, group };
}

describe("searchDirectoryGroups", () => {
  it("counts distinct members through nested groups, and a cycle ends", async () => {
    const { account, user, group } = await newAccount();
    const [ann, ben, cat] = [await user("ann"), await user("ben"), await user("cat")];
    const child = await group("Platform Team", [{ value: ben }, { value: cat }]);
    const parent = await group("Engineering", [{ value: ann }, { value: ben }, { value: child, type: "Group" }]);
    // A cycle: the child also contains its parent (written directly: the IdP would be the one to send it).
    await db.directoryMembership.create({ data: { accountId: account.id, groupId: child, memberGroupId: parent } });

    const found = await searchDirectoryGroups(account.id, "");
    expect(found).toEqual([
      { id: parent, displayName: "Engineering", memberCount: 3 },
      { id: child, displayName: "Platform Team", memberCount: 3 },
    ]);
  });

  it("matches case-insensitively anywhere in the name, names starting with the text first", async () => {
    const { account, group } = await newAccount();
    await group("Data Engineering");
    await group("engineering-ops");
    await group("Sales");
    const found = await searchDirectoryGroups(account.id, "ENGINEER");
    expect(found.map((g) => g.displayName)).toEqual(["engineering-ops", "Data Engineering"]);
    expect(found.every((g) => g.memberCount === 0)).toBe(true);
  });

  it("treats LIKE wildcards literally and stays within the account", async () => {
    const { account, group } = await newAccount();
    await group("100% remote");
    await group("1000 remote");
    await group("a_b");
    await group("axb");
    expect((await searchDirectoryGroups(account.id, "100%")).map((g) => g.displayName)).toEqual(["100% remote"]);
    expect((await searchDirectoryGroups(account.id, "a_b")).map((g) => g.displayName)).toEqual(["a_b"]);

    const other = await newAccount();
    await other.group("100% remote elsewhere");
    expect((await searchDirectoryGroups(account.id, "elsewhere"))).toEqual([]);
  });

  it(`returns at most ${GROUP_SEARCH_LIMIT} groups`, async () => {
    const { account } = await newAccount();
    await db.directoryGroup.createMany({
      data: Array.from({ length: GROUP_SEARCH_LIMIT + 5 }, (_, i) => ({ accountId: account.id, displayName: `Team ${i}`, displayNameKey: `team ${i}` })),
    });
    expect(await searchDirectoryGroups(account.id, "team")).toHaveLength(GROUP_SEARCH_LIMIT);
  });
});
