// Directory rows as the list queries of list-resources.ts return them: the columns a SCIM response needs
// (never passwordHash or portalUserId). `attributes` is the stored SCIM resource (prisma/schema.prisma).
import type { Prisma } from "@/lib/generated/prisma/client";

export interface DirectoryUserRow {
  id: string;
  externalId: string | null;
  userName: string;
  active: boolean;
  attributes: Prisma.JsonObject;
  version: number;
  createdAt: Date;
  updatedAt: Date;
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
