CREATE TABLE "case_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"filename" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"source" text NOT NULL,
	"uploaded_by" integer,
	"uploader_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text,
	"withdraw_reason" text,
	CONSTRAINT "case_attachments_sha_hex" CHECK ("case_attachments"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD CONSTRAINT "case_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_attachments_series_version_idx" ON "case_attachments" USING btree ("series_id","version");--> statement-breakpoint
CREATE INDEX "case_attachments_case_idx" ON "case_attachments" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_attachments_sha_idx" ON "case_attachments" USING btree ("sha256");--> statement-breakpoint
-- hand-written: attachments
-- A case's attachments are never deleted or rewritten (ADR-056): only a withdrawal may be recorded, once.
CREATE FUNCTION case_attachments_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'case_attachments rows are never deleted';
	END IF;
	IF OLD.withdrawn_at IS NOT NULL
		OR (to_jsonb(NEW) - 'withdrawn_at' - 'withdrawn_by' - 'withdraw_reason')
			IS DISTINCT FROM (to_jsonb(OLD) - 'withdrawn_at' - 'withdrawn_by' - 'withdraw_reason') THEN
		RAISE EXCEPTION 'case_attachments rows are immutable; only a withdrawal is recorded, once';
	END IF;
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_attachments_keep BEFORE UPDATE OR DELETE ON case_attachments
	FOR EACH ROW EXECUTE FUNCTION case_attachments_keep();
