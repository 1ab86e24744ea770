import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const USERS_PAGE_SIZE = 25;

export interface UserListQuery {
  page: number;
  /** Matches email or name, case-insensitively. */
  search?: string;
}

/** One page of the account's users, ordered by email, with the total for pagination. */
export async function listUsers(accountId: string, query: UserListQuery) {
  const search = query.search?.trim();
  const where: Prisma.UserWhereInput = {
    accountId,
    ...(search
      ? { OR: [{ userNameKey: { contains: search.toLowerCase() } }, { name: { contains: search, mode: "insensitive" } }] }
      : {}),
  };
  const page = Math.max(1, Math.floor(query.page));
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ userNameKey: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: { id: true, userName: true, name: true, source: true, active: true, lastSignInAt: true, createdAt: true },
    }),
  ]);
  return { users, total, page, pageSize: USERS_PAGE_SIZE };
}
