-- AlterTable
ALTER TABLE "Provisioning" ADD COLUMN     "pauseReason" TEXT,
ADD COLUMN     "pausedAt" TIMESTAMPTZ(3),
ADD COLUMN     "safetyValveMinimum" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "safetyValvePercent" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "safetyValveWindowMinutes" INTEGER NOT NULL DEFAULT 60;

-- CreateTable
CREATE TABLE "ProvisioningGroup" (
    "accountId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProvisioningGroup_pkey" PRIMARY KEY ("accountId","groupId")
);

-- CreateTable
CREATE TABLE "HeldChange" (
    "id" BIGSERIAL NOT NULL,
    "accountId" UUID NOT NULL,
    "directoryUserId" UUID,
    "portalUserId" UUID,
    "groupId" UUID,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HeldChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProvisioningGroup_groupId_idx" ON "ProvisioningGroup"("groupId");

-- CreateIndex
CREATE INDEX "HeldChange_accountId_id_idx" ON "HeldChange"("accountId", "id");

-- AddForeignKey
ALTER TABLE "ProvisioningGroup" ADD CONSTRAINT "ProvisioningGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningGroup" ADD CONSTRAINT "ProvisioningGroup_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DirectoryGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HeldChange" ADD CONSTRAINT "HeldChange_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;
