CREATE TABLE "device_checks" (
	"case_id" uuid NOT NULL,
	"imei" text NOT NULL,
	"result" text,
	"decided_at" timestamp with time zone,
	"decided_by" integer,
	"note" jsonb,
	CONSTRAINT "device_checks_case_id_imei_pk" PRIMARY KEY("case_id","imei")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"caller" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_caller_key_pk" PRIMARY KEY("caller","key")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "decided_by" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "decision" jsonb;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "complaint_of" uuid;--> statement-breakpoint
ALTER TABLE "clocks" ADD COLUMN "warn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clocks" ADD COLUMN "warned_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clocks" ADD COLUMN "fired_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "consultations" ADD COLUMN "late_answer" jsonb;--> statement-breakpoint
ALTER TABLE "mfa_checks" ADD COLUMN "mandatory" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "device_checks_case_idx" ON "device_checks" USING btree ("case_id");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clocks_to_fire_idx" ON "clocks" USING btree ("due_at") WHERE state in ('running', 'overdue') and fired_for is distinct from due_at;--> statement-breakpoint
CREATE INDEX "clocks_to_warn_idx" ON "clocks" USING btree ("warn_at") WHERE state = 'running' and warned_for is distinct from due_at;