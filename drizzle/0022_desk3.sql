DROP INDEX "cases_stage_idx";--> statement-breakpoint
DROP INDEX "cases_assignee_idx";--> statement-breakpoint
ALTER TABLE "case_attachments" ADD COLUMN "destroyed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD COLUMN "destroyed_reason" text;--> statement-breakpoint
ALTER TABLE "case_attachments" ADD COLUMN "destroyed_citation" text;--> statement-breakpoint
CREATE INDEX "cases_list_service_decided_idx" ON "cases" USING btree (service,(coalesce(decided_at, 'infinity'::timestamptz)),"id");--> statement-breakpoint
CREATE INDEX "cases_list_service_number_idx" ON "cases" USING btree (service,number,"id");--> statement-breakpoint
CREATE INDEX "cases_list_service_service_idx" ON "cases" USING btree (service,"id");--> statement-breakpoint
CREATE INDEX "cases_list_service_stage_idx" ON "cases" USING btree (service,stage,"id");--> statement-breakpoint
CREATE INDEX "cases_list_stage_received_idx" ON "cases" USING btree (stage,received_at,"id");--> statement-breakpoint
CREATE INDEX "cases_list_stage_decided_idx" ON "cases" USING btree (stage,(coalesce(decided_at, 'infinity'::timestamptz)),"id");--> statement-breakpoint
CREATE INDEX "cases_list_stage_number_idx" ON "cases" USING btree (stage,number,"id");--> statement-breakpoint
CREATE INDEX "cases_list_stage_service_idx" ON "cases" USING btree (stage,service,"id");--> statement-breakpoint
CREATE INDEX "cases_list_stage_stage_idx" ON "cases" USING btree (stage,"id");--> statement-breakpoint
CREATE INDEX "cases_list_assignee_received_idx" ON "cases" USING btree (assignee_id,received_at,"id");--> statement-breakpoint
CREATE INDEX "cases_list_assignee_decided_idx" ON "cases" USING btree (assignee_id,(coalesce(decided_at, 'infinity'::timestamptz)),"id");--> statement-breakpoint
CREATE INDEX "cases_list_assignee_number_idx" ON "cases" USING btree (assignee_id,number,"id");--> statement-breakpoint
CREATE INDEX "cases_list_assignee_service_idx" ON "cases" USING btree (assignee_id,service,"id");--> statement-breakpoint
CREATE INDEX "cases_list_assignee_stage_idx" ON "cases" USING btree (assignee_id,stage,"id");--> statement-breakpoint
CREATE INDEX "cases_list_unit_received_idx" ON "cases" USING btree (unit,received_at,"id");--> statement-breakpoint
CREATE INDEX "cases_list_unit_decided_idx" ON "cases" USING btree (unit,(coalesce(decided_at, 'infinity'::timestamptz)),"id");--> statement-breakpoint
CREATE INDEX "cases_list_unit_number_idx" ON "cases" USING btree (unit,number,"id");--> statement-breakpoint
CREATE INDEX "cases_list_unit_service_idx" ON "cases" USING btree (unit,service,"id");--> statement-breakpoint
CREATE INDEX "cases_list_unit_stage_idx" ON "cases" USING btree (unit,stage,"id");--> statement-breakpoint
CREATE INDEX "clocks_band_idx" ON "clocks" USING btree ((least(warn_at, red_at, due_at))) WHERE state in ('running', 'overdue');--> statement-breakpoint
-- hand-written: desk3
-- Attachments stay immutable (ADR-056), with two recorded changes, each once: the withdrawal, and the
-- destruction of the bytes with the case's device data (004 P 16; ADR-089), which also replaces the
-- file name (it may name a device) and may follow a withdrawal. Rows are still never deleted.
CREATE OR REPLACE FUNCTION case_attachments_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	frozen CONSTANT text[] := ARRAY['withdrawn_at', 'withdrawn_by', 'withdraw_reason', 'filename',
		'destroyed_at', 'destroyed_reason', 'destroyed_citation'];
BEGIN
	IF TG_OP = 'DELETE' THEN
		RAISE EXCEPTION 'case_attachments rows are never deleted';
	END IF;
	IF (to_jsonb(NEW) - frozen) IS DISTINCT FROM (to_jsonb(OLD) - frozen) THEN
		RAISE EXCEPTION 'case_attachments rows are immutable; only a withdrawal or a destruction is recorded, once';
	END IF;
	IF OLD.destroyed_at IS NOT NULL THEN
		RAISE EXCEPTION 'case_attachments: a destroyed attachment is a tombstone and never changes';
	END IF;
	IF NEW.destroyed_at IS NOT NULL THEN
		-- The destruction: its three columns and the file name, nothing of the withdrawal.
		IF NEW.destroyed_reason IS NULL OR NEW.destroyed_citation IS NULL
			OR (NEW.withdrawn_at, NEW.withdrawn_by, NEW.withdraw_reason)
				IS DISTINCT FROM (OLD.withdrawn_at, OLD.withdrawn_by, OLD.withdraw_reason) THEN
			RAISE EXCEPTION 'case_attachments: a destruction records when, why and the act point, and nothing else';
		END IF;
		RETURN NEW;
	END IF;
	IF OLD.withdrawn_at IS NOT NULL OR NEW.filename IS DISTINCT FROM OLD.filename THEN
		RAISE EXCEPTION 'case_attachments rows are immutable; only a withdrawal or a destruction is recorded, once';
	END IF;
	RETURN NEW;
END $$;
