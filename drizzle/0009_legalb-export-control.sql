CREATE TABLE "control_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"risks" boolean,
	"information" text,
	"answered_by" text
);
--> statement-breakpoint
ALTER TABLE "control_requests" ADD CONSTRAINT "control_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_requests" ADD CONSTRAINT "control_requests_agency_code_agencies_code_fk" FOREIGN KEY ("agency_code") REFERENCES "public"."agencies"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "control_requests_agency_idx" ON "control_requests" USING btree ("agency_code","answered_at");--> statement-breakpoint
CREATE INDEX "control_requests_case_idx" ON "control_requests" USING btree ("case_id");