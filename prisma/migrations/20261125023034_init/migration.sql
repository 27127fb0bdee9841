-- CreateTable
CREATE TABLE "cluster" (
    "cluster_id" TEXT NOT NULL PRIMARY KEY,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "brokers" (
    "broker_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "rack" TEXT,
    "registered_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "topics" (
    "topic_id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "partitions" INTEGER NOT NULL,
    "replication_factor" INTEGER NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "topic_configs" (
    "topic_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    PRIMARY KEY ("topic_id", "name"),
    CONSTRAINT "topic_configs_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "topics" ("topic_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "broker_configs" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "topics_name_key" ON "topics"("name");

