-- AlterTable
ALTER TABLE "DirectoryUser" ADD COLUMN     "emailKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "passwordHash" TEXT;

-- CreateIndex
CREATE INDEX "DirectoryUser_emailKeys_idx" ON "DirectoryUser" USING GIN ("emailKeys");
