-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UserSource" AS ENUM ('LOCAL', 'SSO', 'SCIM');

-- CreateEnum
CREATE TYPE "ProvisioningState" AS ENUM ('OFF', 'ENABLING', 'ENABLED', 'ACTIVE', 'PAUSED', 'RESETTING');

-- CreateEnum
CREATE TYPE "ProvisioningScope" AS ENUM ('NOT_RESTRICTED', 'GROUPS');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMINISTRATOR', 'BILLING', 'TECHNICAL', 'READ_ONLY', 'PROJECT_ADMIN', 'PROJECT_MEMBER');

-- CreateEnum
CREATE TYPE "RoleScope" AS ENUM ('ACCOUNT', 'ORGANIZATION', 'PROJECT');

-- CreateEnum
CREATE TYPE "RoleGrant" AS ENUM ('BOOTSTRAP', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'SCIM_TOKEN', 'SYSTEM');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "parentId" UUID,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "userName" TEXT NOT NULL,
    "userNameKey" TEXT NOT NULL,
    "name" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "source" "UserSource" NOT NULL,
    "passwordHash" TEXT,
    "lastSignInAt" TIMESTAMPTZ(3),
    "sessionEpoch" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederationConnection" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEncrypted" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederationConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FederationDomain" (
    "domain" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,

    CONSTRAINT "FederationDomain_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "Provisioning" (
    "accountId" UUID NOT NULL,
    "state" "ProvisioningState" NOT NULL DEFAULT 'OFF',
    "scope" "ProvisioningScope",
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Provisioning_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "ScimToken" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "displayHint" TEXT NOT NULL,
    "secretHash" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ScimToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryUser" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "externalId" TEXT,
    "userName" TEXT NOT NULL,
    "userNameKey" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "portalUserId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryGroup" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "externalId" TEXT,
    "displayName" TEXT NOT NULL,
    "displayNameKey" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirectoryMembership" (
    "id" BIGSERIAL NOT NULL,
    "accountId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "memberUserId" UUID,
    "memberGroupId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirectoryMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "userId" UUID,
    "groupId" UUID,
    "scope" "RoleScope" NOT NULL,
    "organizationId" UUID,
    "projectId" UUID,
    "grantedBy" "RoleGrant" NOT NULL,
    "principalKey" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "accountId" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "targetLabel" TEXT,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "accountId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "checkpoint" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_slug_key" ON "Account"("slug");

-- CreateIndex
CREATE INDEX "Organization_accountId_parentId_idx" ON "Organization"("accountId", "parentId");

-- CreateIndex
CREATE INDEX "Project_accountId_organizationId_idx" ON "Project"("accountId", "organizationId");

-- CreateIndex
CREATE INDEX "User_accountId_createdAt_id_idx" ON "User"("accountId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "User_userNameKey_idx" ON "User"("userNameKey");

-- CreateIndex
CREATE UNIQUE INDEX "User_accountId_userNameKey_key" ON "User"("accountId", "userNameKey");

-- CreateIndex
CREATE UNIQUE INDEX "FederationConnection_accountId_key" ON "FederationConnection"("accountId");

-- CreateIndex
CREATE INDEX "FederationDomain_accountId_idx" ON "FederationDomain"("accountId");

-- CreateIndex
CREATE INDEX "FederationDomain_connectionId_idx" ON "FederationDomain"("connectionId");

-- CreateIndex
CREATE UNIQUE INDEX "ScimToken_secretHash_key" ON "ScimToken"("secretHash");

-- CreateIndex
CREATE INDEX "ScimToken_accountId_createdAt_idx" ON "ScimToken"("accountId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryUser_portalUserId_key" ON "DirectoryUser"("portalUserId");

-- CreateIndex
CREATE INDEX "DirectoryUser_accountId_externalId_idx" ON "DirectoryUser"("accountId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryUser_accountId_userNameKey_key" ON "DirectoryUser"("accountId", "userNameKey");

-- CreateIndex
CREATE INDEX "DirectoryGroup_accountId_externalId_idx" ON "DirectoryGroup"("accountId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryGroup_accountId_displayNameKey_key" ON "DirectoryGroup"("accountId", "displayNameKey");

-- CreateIndex
CREATE INDEX "DirectoryMembership_accountId_memberUserId_idx" ON "DirectoryMembership"("accountId", "memberUserId");

-- CreateIndex
CREATE INDEX "DirectoryMembership_accountId_memberGroupId_idx" ON "DirectoryMembership"("accountId", "memberGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryMembership_accountId_groupId_memberUserId_key" ON "DirectoryMembership"("accountId", "groupId", "memberUserId");

-- CreateIndex
CREATE UNIQUE INDEX "DirectoryMembership_accountId_groupId_memberGroupId_key" ON "DirectoryMembership"("accountId", "groupId", "memberGroupId");

-- CreateIndex
CREATE INDEX "RoleAssignment_accountId_userId_idx" ON "RoleAssignment"("accountId", "userId");

-- CreateIndex
CREATE INDEX "RoleAssignment_accountId_groupId_idx" ON "RoleAssignment"("accountId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_accountId_principalKey_role_scopeKey_key" ON "RoleAssignment"("accountId", "principalKey", "role", "scopeKey");

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_occurredAt_id_idx" ON "AuditEvent"("accountId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "JobRun_accountId_kind_createdAt_idx" ON "JobRun"("accountId", "kind", "createdAt");

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FederationConnection" ADD CONSTRAINT "FederationConnection_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FederationDomain" ADD CONSTRAINT "FederationDomain_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FederationDomain" ADD CONSTRAINT "FederationDomain_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "FederationConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Provisioning" ADD CONSTRAINT "Provisioning_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryUser" ADD CONSTRAINT "DirectoryUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryUser" ADD CONSTRAINT "DirectoryUser_portalUserId_fkey" FOREIGN KEY ("portalUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryGroup" ADD CONSTRAINT "DirectoryGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryMembership" ADD CONSTRAINT "DirectoryMembership_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryMembership" ADD CONSTRAINT "DirectoryMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DirectoryGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryMembership" ADD CONSTRAINT "DirectoryMembership_memberUserId_fkey" FOREIGN KEY ("memberUserId") REFERENCES "DirectoryUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DirectoryMembership" ADD CONSTRAINT "DirectoryMembership_memberGroupId_fkey" FOREIGN KEY ("memberGroupId") REFERENCES "DirectoryGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DirectoryGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- Checks Prisma cannot declare (it ignores CHECK constraints when diffing, so they do not drift).
ALTER TABLE "DirectoryMembership" ADD CONSTRAINT "DirectoryMembership_one_member"
  CHECK (num_nonnulls("memberUserId", "memberGroupId") = 1);
ALTER TABLE "DirectoryMembership" ADD CONSTRAINT "DirectoryMembership_not_self"
  CHECK ("memberGroupId" IS DISTINCT FROM "groupId");
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_one_principal"
  CHECK (num_nonnulls("userId", "groupId") = 1);
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_scope_matches"
  CHECK (("scope" = 'ACCOUNT' AND "organizationId" IS NULL AND "projectId" IS NULL)
      OR ("scope" = 'ORGANIZATION' AND "organizationId" IS NOT NULL AND "projectId" IS NULL)
      OR ("scope" = 'PROJECT' AND "projectId" IS NOT NULL AND "organizationId" IS NULL));
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_not_own_parent"
  CHECK ("parentId" IS DISTINCT FROM "id");
