// Test support for the filter/sort/list integration tests: insert directory rows directly (with the promoted
// columns computed as the writers compute them), build the resource the in-memory evaluator sees, and evaluate
// a translated filter on every row of an account.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { FilterNode, FilterTarget } from "@/lib/scim/filter";
import { etagOf } from "@/lib/scim/etag";
import { filterToSql, type FilterSqlOptions } from "./filter-sql";
import { userColumns } from "./user-columns";

export const BASE_URL = "https://portal.test/scim/v2";

export interface Seed {
  attributes: Record<string, unknown>;
  createdAt?: Date;
  updatedAt?: Date;
  version?: number;
}

export interface InsertedRow {
  id: string;
  attributes: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface InsertedUser extends InsertedRow {
  userName: string;
}

export interface InsertedGroup extends InsertedRow {
  displayName: string;
}

export async function insertUsers(accountId: string, seeds: Seed[]): Promise<InsertedUser[]> {
  if (seeds.length === 0) return [];
  const rows = await db.directoryUser.createManyAndReturn({
    data: seeds.map((seed) => ({
      accountId,
      ...userColumns(seed.attributes),
      attributes: seed.attributes as Prisma.InputJsonObject,
      ...(seed.createdAt ? { createdAt: seed.createdAt } : {}),
      ...(seed.updatedAt ? { updatedAt: seed.updatedAt } : {}),
      ...(seed.version !== undefined ? { version: seed.version } : {}),
    })),
  });
  return rows.map((row) => ({ ...row, attributes: row.attributes as Record<string, unknown> }));
}

export async function insertGroups(accountId: string, seeds: Seed[]): Promise<InsertedGroup[]> {
  if (seeds.length === 0) return [];
  const rows = await db.directoryGroup.createManyAndReturn({
    data: seeds.map((seed) => {
      const displayName = seed.attributes.displayName;
      if (typeof displayName !== "string") throw new Error("a group seed needs a displayName");
      return {
        accountId,
        displayName,
        displayNameKey: displayName.trim().toLowerCase(),
        externalId: typeof seed.attributes.externalId === "string" ? seed.attributes.externalId : null,
        attributes: seed.attributes as Prisma.InputJsonObject,
        ...(seed.createdAt ? { createdAt: seed.createdAt } : {}),
        ...(seed.updatedAt ? { updatedAt: seed.updatedAt } : {}),
        ...(seed.version !== undefined ? { version: seed.version } : {}),
      };
    }),
  });
  return rows.map((row) => ({ ...row, attributes: row.attributes as Record<string, unknown> }));
}

export interface Membership {
  groupId: string;
  memberUserId?: string;
  memberGroupId?: string;
}

export async function insertMemberships(accountId: string, memberships: Membership[]): Promise<void> {
  if (memberships.length === 0) return;
  await db.directoryMembership.createMany({
    data: memberships.map((m) => ({ accountId, groupId: m.groupId, memberUserId: m.memberUserId ?? null, memberGroupId: m.memberGroupId ?? null })),
  });
}

export interface UserGroupRef {
  value: string;
  display: string;
  type: "direct" | "indirect";
  $ref: string;
}

/** Every group of each user, direct or through nested groups (cycles included), as renderUser lists them. */
export function groupsOfUsers(groups: InsertedGroup[], memberships: Membership[]): Map<string, UserGroupRef[]> {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const containers = new Map<string, string[]>();
  for (const m of memberships) if (m.memberGroupId) containers.set(m.memberGroupId, [...(containers.get(m.memberGroupId) ?? []), m.groupId]);
  const result = new Map<string, UserGroupRef[]>();
  const users = new Set(memberships.flatMap((m) => (m.memberUserId ? [m.memberUserId] : [])));
  for (const userId of users) {
    const direct = new Set(memberships.filter((m) => m.memberUserId === userId).map((m) => m.groupId));
    const seen = new Set<string>(direct);
    const queue = [...direct];
    for (let g = queue.shift(); g !== undefined; g = queue.shift()) {
      for (const parent of containers.get(g) ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
      }
    }
    const refs = [...seen].sort().map((id): UserGroupRef => ({
      value: id,
      display: byId.get(id)?.displayName ?? "",
      type: direct.has(id) ? "direct" : "indirect",
      $ref: `${BASE_URL}/Groups/${id}`,
    }));
    result.set(userId, refs);
  }
  return result;
}

export interface MemberRef {
  value: string;
  display: string;
  type: "User" | "Group";
  $ref: string;
}

/** The members of each group as renderGroup lists them (display: the user's displayName, else its userName). */
export function membersOfGroups(users: InsertedUser[], groups: InsertedGroup[], memberships: Membership[]): Map<string, MemberRef[]> {
  const userById = new Map(users.map((u) => [u.id, u]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const result = new Map<string, MemberRef[]>();
  for (const m of memberships) {
    let ref: MemberRef;
    if (m.memberUserId) {
      const user = userById.get(m.memberUserId);
      const displayName = user?.attributes.displayName;
      const display = typeof displayName === "string" ? displayName : (user?.userName ?? "");
      ref = { value: m.memberUserId, display, type: "User", $ref: `${BASE_URL}/Users/${m.memberUserId}` };
    } else if (m.memberGroupId) {
      ref = { value: m.memberGroupId, display: groupById.get(m.memberGroupId)?.displayName ?? "", type: "Group", $ref: `${BASE_URL}/Groups/${m.memberGroupId}` };
    } else {
      continue;
    }
    result.set(m.groupId, [...(result.get(m.groupId) ?? []), ref]);
  }
  return result;
}

/** The resource as the evaluator sees it: stored attributes, id, meta and the computed multi-valued attribute. */
export function targetOf(type: "User" | "Group", row: InsertedRow, computed?: readonly object[]): FilterTarget {
  const target: Record<string, unknown> = {
    ...row.attributes,
    id: row.id,
    meta: {
      resourceType: type,
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      version: etagOf(row.version),
      location: `${BASE_URL}/${type === "User" ? "Users" : "Groups"}/${row.id}`,
    },
  };
  if (computed && computed.length > 0) target[type === "User" ? "groups" : "members"] = computed;
  return target;
}

/** The translated filter's value (TRUE / FALSE / NULL) on every row of the account, by id. */
export async function evaluateOnRows(type: "User" | "Group", accountId: string, node: FilterNode, options: FilterSqlOptions = { baseUrl: BASE_URL }) {
  const table = type === "User" ? Prisma.sql`"DirectoryUser"` : Prisma.sql`"DirectoryGroup"`;
  const rows = await db.$queryRaw<{ id: string; matches: boolean | null }[]>`
    SELECT r.id::text AS id, (${filterToSql(type, node, "r", options)}) AS matches FROM ${table} r WHERE r."accountId" = ${accountId}::uuid`;
  return new Map(rows.map((row) => [row.id, row.matches]));
}

/** The ids whose value is TRUE, and whether any was NULL. */
export function matchedIds(values: Map<string, boolean | null>): { ids: string[]; nulls: number } {
  const ids: string[] = [];
  let nulls = 0;
  for (const [id, value] of values) {
    if (value === null) nulls++;
    else if (value) ids.push(id);
  }
  return { ids: ids.sort(), nulls };
}
