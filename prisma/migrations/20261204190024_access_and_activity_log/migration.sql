-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "auditRetentionDays" INTEGER NOT NULL DEFAULT 365,
ADD COLUMN     "scimLogRetentionDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "key" TEXT;

-- AlterTable
ALTER TABLE "ScimRequestLog" ADD COLUMN     "requestBody" JSONB,
ADD COLUMN     "resourceId" TEXT,
ADD COLUMN     "resourceType" TEXT,
ADD COLUMN     "responseBody" JSONB;

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_action_occurredAt_id_idx" ON "AuditEvent"("accountId", "action", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_actorId_occurredAt_id_idx" ON "AuditEvent"("accountId", "actorId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_targetId_occurredAt_id_idx" ON "AuditEvent"("accountId", "targetId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_accountId_requestId_idx" ON "AuditEvent"("accountId", "requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_accountId_key_key" ON "Organization"("accountId", "key");

-- CreateIndex
CREATE INDEX "ScimRequestLog_accountId_status_occurredAt_idx" ON "ScimRequestLog"("accountId", "status", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "ScimRequestLog_accountId_resourceId_occurredAt_idx" ON "ScimRequestLog"("accountId", "resourceId", "occurredAt" DESC);

-- Text search in the audit log (actor, target, event type), by trigram so that any substring uses the index.
-- Prisma cannot declare expression indexes; it leaves this one alone when diffing.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "AuditEvent_search_trgm_idx" ON "AuditEvent" USING gin (
  (lower(coalesce("actorLabel", '') || ' ' || coalesce("targetLabel", '') || ' ' || action)) gin_trgm_ops
);
