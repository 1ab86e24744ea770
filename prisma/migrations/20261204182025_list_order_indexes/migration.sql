-- CreateIndex
CREATE INDEX "DirectoryGroup_accountId_createdAt_id_idx" ON "DirectoryGroup"("accountId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "DirectoryUser_accountId_createdAt_id_idx" ON "DirectoryUser"("accountId", "createdAt", "id");
