CREATE TABLE "decided_case_facts" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"service" text NOT NULL,
	"unit" text,
	"assignee_id" integer,
	"term" text,
	"working_days_used" integer,
	"suspended_working_days" integer NOT NULL,
	"breached_clocks" text[] NOT NULL,
	"stale_at" timestamp with time zone,
	"calendar_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decided_case_facts_dirty" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"mark" bigserial NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decided_case_facts" ADD CONSTRAINT "decided_case_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decided_case_facts_decided_idx" ON "decided_case_facts" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "decided_case_facts_key_idx" ON "decided_case_facts" USING btree ("calendar_key","decided_at");--> statement-breakpoint
CREATE INDEX "decided_case_facts_stale_idx" ON "decided_case_facts" USING btree ("stale_at") WHERE stale_at is not null;--> statement-breakpoint
CREATE INDEX "decided_case_facts_dirty_mark_idx" ON "decided_case_facts_dirty" USING btree ("mark");--> statement-breakpoint
-- hand-written: decided-facts (ADR-135). A write to anything a decided case's compliance facts
-- derive from marks the case dirty in the same transaction: its decision, service, unit or officer,
-- and any of its clocks' definition, events or state. Readers recompute dirty cases before reading.
CREATE FUNCTION decided_case_facts_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO decided_case_facts_dirty (case_id) VALUES (NEW.id)
		ON CONFLICT (case_id) DO UPDATE SET mark = excluded.mark;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER decided_case_facts_case_insert AFTER INSERT ON cases
	FOR EACH ROW WHEN (NEW.decided_at IS NOT NULL) EXECUTE FUNCTION decided_case_facts_mark_case();--> statement-breakpoint
CREATE TRIGGER decided_case_facts_case_update AFTER UPDATE OF decided_at, service, unit, assignee_id ON cases
	FOR EACH ROW WHEN ((NEW.decided_at IS NOT NULL OR OLD.decided_at IS NOT NULL)
		AND (NEW.decided_at, NEW.service, NEW.unit, NEW.assignee_id)
			IS DISTINCT FROM (OLD.decided_at, OLD.service, OLD.unit, OLD.assignee_id))
	EXECUTE FUNCTION decided_case_facts_mark_case();--> statement-breakpoint
CREATE FUNCTION decided_case_facts_mark_clock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
BEGIN
	-- Only a decided case has facts; the clocks of open cases change all day (the scheduler).
	INSERT INTO decided_case_facts_dirty (case_id)
		SELECT c.id FROM cases c WHERE c.id = target AND c.decided_at IS NOT NULL
		ON CONFLICT (case_id) DO UPDATE SET mark = excluded.mark;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER decided_case_facts_clock_write AFTER INSERT OR DELETE OR UPDATE OF kind, unit, length, events, state, due_at
	ON clocks FOR EACH ROW EXECUTE FUNCTION decided_case_facts_mark_clock();--> statement-breakpoint
-- The cases decided before this table existed: computed by the first reader or the scheduler.
INSERT INTO decided_case_facts_dirty (case_id) SELECT id FROM cases WHERE decided_at IS NOT NULL;
