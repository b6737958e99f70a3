-- triggerdotdev/trigger.dev b082e44389337dc6505d590737a6df70867cc8f4
-- 1. The enum the tables use, from internal-packages/database/prisma/migrations/20230426150713_add_support_for_projects/migration.sql (that statement only).
-- 2. internal-packages/database/prisma/migrations/20260622120731_add_webhook_endpoint_and_delivery/migration.sql, verbatim.
-- 3. Daily partitions of "WebhookDelivery" as internal-packages/webhook-engine/src/engine/partitions.ts
--    createPartition() writes them (name WebhookDelivery_YYYY_MM_DD, bounds Date.toISOString()), for 4 days.

-- CreateEnum
CREATE TYPE "RuntimeEnvironmentType" AS ENUM ('PRODUCTION', 'STAGING', 'DEVELOPMENT', 'PREVIEW');

-- CreateEnum
CREATE TYPE "public"."WebhookEndpointStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'DELETING');

-- CreateEnum
CREATE TYPE "public"."WebhookDeliveryStatus" AS ENUM ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED');

-- NOTE (Q5): ALTER TYPE "TaskTriggerSource" ADD VALUE 'WEBHOOK' lives in the earlier
-- 20260622120730_add_webhook_trigger_source migration, not here.

-- CreateTable
CREATE TABLE "public"."WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "friendlyId" TEXT NOT NULL,
    "opaqueId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "runtimeEnvironmentId" TEXT NOT NULL,
    "environmentType" "public"."RuntimeEnvironmentType" NOT NULL,
    "endpointTenantId" TEXT NOT NULL DEFAULT '',
    "endpointExternalRef" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "handlerWebhookId" TEXT NOT NULL,
    "routingTarget" JSONB NOT NULL,
    "verifierArtifact" JSONB NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "signingSecretKey" TEXT,
    "status" "public"."WebhookEndpointStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable (HAND-EDITED: PARTITION BY RANGE clause; clone of TaskEventPartitioned migration.sql:54)
CREATE TABLE "public"."WebhookDelivery" (
    "id" TEXT NOT NULL,
    "friendlyId" TEXT NOT NULL,
    "webhookEndpointId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "runtimeEnvironmentId" TEXT NOT NULL,
    "environmentType" "public"."RuntimeEnvironmentType" NOT NULL,
    "externalDeliveryId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "runId" TEXT,
    "status" "public"."WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "parsedEvent" JSONB,
    "rawBodyHash" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id","createdAt")
) PARTITION BY RANGE ("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_friendlyId_key" ON "public"."WebhookEndpoint"("friendlyId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_opaqueId_key" ON "public"."WebhookEndpoint"("opaqueId");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_runtimeEnvironmentId_source_idx" ON "public"."WebhookEndpoint"("runtimeEnvironmentId", "source");

-- CreateIndex
CREATE INDEX "WebhookEndpoint_projectId_createdAt_idx" ON "public"."WebhookEndpoint"("projectId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_runtimeEnvironmentId_handlerWebhookId_endpo_key" ON "public"."WebhookEndpoint"("runtimeEnvironmentId", "handlerWebhookId", "endpointTenantId", "endpointExternalRef");

-- CreateIndex (on the PARENT; auto-propagates to every child at PARTITION OF time)
CREATE INDEX "WebhookDelivery_webhookEndpointId_createdAt_idx" ON "public"."WebhookDelivery"("webhookEndpointId", "createdAt" DESC);

-- No DEFAULT partition on purpose: retention drops use DETACH ... CONCURRENTLY, which a default forbids.

-- runtime partitions (partitions.ts createPartition), ensurePartitions() window: here 2026-08-20 .. 2026-08-23
CREATE TABLE "WebhookDelivery_2026_08_20" PARTITION OF "WebhookDelivery" FOR VALUES FROM ('2026-08-20T00:00:00.000Z') TO ('2026-08-21T00:00:00.000Z');
CREATE TABLE "WebhookDelivery_2026_08_21" PARTITION OF "WebhookDelivery" FOR VALUES FROM ('2026-08-21T00:00:00.000Z') TO ('2026-08-22T00:00:00.000Z');
CREATE TABLE "WebhookDelivery_2026_08_22" PARTITION OF "WebhookDelivery" FOR VALUES FROM ('2026-08-22T00:00:00.000Z') TO ('2026-08-23T00:00:00.000Z');
CREATE TABLE "WebhookDelivery_2026_08_23" PARTITION OF "WebhookDelivery" FOR VALUES FROM ('2026-08-23T00:00:00.000Z') TO ('2026-08-24T00:00:00.000Z');
