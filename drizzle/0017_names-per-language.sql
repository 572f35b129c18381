ALTER TABLE "integration_tokens" ADD COLUMN "names" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "display_names" jsonb DEFAULT '{}'::jsonb NOT NULL;