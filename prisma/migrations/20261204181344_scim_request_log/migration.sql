-- CreateTable
CREATE TABLE "ScimRequestLog" (
    "id" BIGSERIAL NOT NULL,
    "accountId" UUID NOT NULL,
    "tokenId" UUID,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "userAgent" TEXT,
    "requestId" TEXT NOT NULL,

    CONSTRAINT "ScimRequestLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScimRequestLog_accountId_occurredAt_idx" ON "ScimRequestLog"("accountId", "occurredAt" DESC);

-- AddForeignKey
ALTER TABLE "ScimRequestLog" ADD CONSTRAINT "ScimRequestLog_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
