-- CreateTable
CREATE TABLE "users" (
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "scram_credentials" (
    "user" TEXT NOT NULL,
    "mechanism" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "iterations" INTEGER NOT NULL,
    "stored_key" TEXT NOT NULL,
    "server_key" TEXT NOT NULL,

    CONSTRAINT "scram_credentials_pkey" PRIMARY KEY ("user","mechanism")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "user" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "last_used_at" TIMESTAMP(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "acls" (
    "resource_type" TEXT NOT NULL,
    "pattern_type" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "permission" TEXT NOT NULL,

    CONSTRAINT "acls_pkey" PRIMARY KEY ("resource_type","pattern_type","resource_name","principal","host","operation","permission")
);

-- CreateTable
CREATE TABLE "client_quotas" (
    "entity" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "client_quotas_pkey" PRIMARY KEY ("entity","key")
);

-- CreateTable
CREATE TABLE "http_sessions" (
    "token_hash" TEXT NOT NULL,
    "user" TEXT NOT NULL,
    "source_address" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "http_sessions_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "security_versions" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "security_versions_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "api_keys_user_idx" ON "api_keys"("user");

-- CreateIndex
CREATE INDEX "http_sessions_user_idx" ON "http_sessions"("user");

