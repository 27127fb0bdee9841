-- CreateTable
CREATE TABLE "consumer_instances" (
    "group_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "auto_offset_reset" TEXT NOT NULL,
    "auto_commit_enable" BOOLEAN NOT NULL,
    "topics" TEXT,
    "topic_pattern" TEXT,
    "assignments" TEXT,
    "member_id" TEXT,
    "created_at" DATETIME NOT NULL,
    "last_used_at" DATETIME NOT NULL,

    PRIMARY KEY ("group_id", "name")
);

