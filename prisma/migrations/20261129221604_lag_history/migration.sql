-- CreateTable
CREATE TABLE "lag_samples" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "group_id" TEXT NOT NULL,
    "sampled_at" DATETIME NOT NULL,
    "total_lag" BIGINT NOT NULL,
    "topics" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "lag_samples_group_id_sampled_at_idx" ON "lag_samples"("group_id", "sampled_at");

-- CreateIndex
CREATE INDEX "lag_samples_sampled_at_idx" ON "lag_samples"("sampled_at");

