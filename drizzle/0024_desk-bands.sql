DROP INDEX "clocks_band_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_list_number_idx" ON "cases" USING btree ("number","id");--> statement-breakpoint
CREATE INDEX "cases_decided_early_idx" ON "cases" USING btree ("received_at","id") WHERE decided_at < received_at;--> statement-breakpoint
CREATE INDEX "clocks_band_idx" ON "clocks" USING btree ((least(warn_at, red_at, due_at)),"case_id","state","due_at","red_at","warn_at") WHERE state in ('running', 'overdue');--> statement-breakpoint
-- The planner ignores the statistics of a partial index's expression and guessed a third of the
-- open clocks for any band (166,746 of 500,238 at a million cases, against 8,041): it then joined
-- the band to every case. The expression's own statistics give it the real count (ADR-136).
CREATE STATISTICS IF NOT EXISTS "clocks_band_stats" ON (least(warn_at, red_at, due_at)) FROM "clocks";--> statement-breakpoint
ANALYZE "clocks";
-- hand-written: the statistics, the ANALYZE (drizzle-kit has no CREATE STATISTICS) and IF NOT EXISTS on cases_list_number_idx (an earlier draft of this migration made it on the kept bench database).
