// Directory rows as the list queries of list-resources.ts return them: the columns a SCIM response needs
// (never passwordHash or portalUserId). `attributes` is the stored SCIM resource (prisma/schema.prisma).
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UserGroupJson } from "./user-groups";

export interface DirectoryUserRow {
  id: string;
  externalId: string | null;
  userName: string;
  active: boolean;
  attributes: Prisma.JsonObject;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Present when the list query was asked for it (DirectoryListQuery.withUserGroups). */
  groups?: UserGroupJson[];
}

export interface DirectoryGroupRow {
  id: string;
  externalId: string | null;
  displayName: string;
  attributes: Prisma.JsonObject;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}
