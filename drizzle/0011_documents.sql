CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"citation" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"signed_at" timestamp with time zone,
	"signed_by" integer,
	"signer_name" text,
	"signer_subject" text,
	"demo_certificate" boolean,
	"presentation_due" text,
	"downloaded_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"delivery_channel" text,
	"delivery_reference" text,
	"delivery_recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signer_keystores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" integer NOT NULL,
	"p12" "bytea" NOT NULL,
	"certificate" "bytea" NOT NULL,
	"subject" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"substitute" boolean DEFAULT false NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "trust_anchors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"certificate" "bytea" NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signer_keystores" ADD CONSTRAINT "signer_keystores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signer_keystores" ADD CONSTRAINT "signer_keystores_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_case_kind_version_idx" ON "documents" USING btree ("case_id","kind","version");--> statement-breakpoint
CREATE INDEX "documents_case_idx" ON "documents" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signer_keystores_active_idx" ON "signer_keystores" USING btree ("user_id") WHERE "signer_keystores"."revoked_at" is null;--> statement-breakpoint
-- A signed document is immutable: its bytes, hash, signer and time never change, it is never
-- deleted, and its delivery facts are written once (hand-written; drizzle-kit does not make triggers).
CREATE OR REPLACE FUNCTION merzim_documents_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'documents are never deleted' USING ERRCODE = '42501';
	END IF;
	IF OLD.signed_at IS NOT NULL AND (
		NEW.pdf IS DISTINCT FROM OLD.pdf OR NEW.sha256 IS DISTINCT FROM OLD.sha256
		OR NEW.signed_at IS DISTINCT FROM OLD.signed_at OR NEW.signed_by IS DISTINCT FROM OLD.signed_by
		OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.case_id IS DISTINCT FROM OLD.case_id
		OR NEW.number IS DISTINCT FROM OLD.number OR NEW.version IS DISTINCT FROM OLD.version
	) THEN
		RAISE EXCEPTION 'a signed document is immutable' USING ERRCODE = '42501';
	END IF;
	IF (OLD.delivered_at IS NOT NULL AND NEW.delivered_at IS DISTINCT FROM OLD.delivered_at)
		OR (OLD.downloaded_at IS NOT NULL AND NEW.downloaded_at IS DISTINCT FROM OLD.downloaded_at) THEN
		RAISE EXCEPTION 'delivery facts are written once' USING ERRCODE = '42501';
	END IF;
	RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
	FOR EACH ROW EXECUTE FUNCTION merzim_documents_immutable();
