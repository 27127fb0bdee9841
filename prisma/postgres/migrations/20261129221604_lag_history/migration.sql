-- CreateTable
CREATE TABLE "lag_samples" (
    "id" SERIAL NOT NULL,
    "group_id" TEXT NOT NULL,
    "sampled_at" TIMESTAMP(3) NOT NULL,
    "total_lag" BIGINT NOT NULL,
    "topics" TEXT NOT NULL,

    CONSTRAINT "lag_samples_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lag_samples_group_id_sampled_at_idx" ON "lag_samples"("group_id", "sampled_at");

-- CreateIndex
CREATE INDEX "lag_samples_sampled_at_idx" ON "lag_samples"("sampled_at");

