import { db } from "@/lib/db";

/** How many groups the identity provider has pushed into the account's directory. */
export function countDirectoryGroups(accountId: string): Promise<number> {
  return db.directoryGroup.count({ where: { accountId } });
}
