DROP INDEX "clocks_due_idx";--> statement-breakpoint
DROP INDEX "clocks_to_fire_idx";--> statement-breakpoint
DROP INDEX "clocks_to_warn_idx";--> statement-breakpoint
CREATE INDEX "clocks_next_fire_idx" ON "clocks" USING btree ((least(case when warned_for is distinct from due_at then warn_at end, due_at))) WHERE state in ('running', 'overdue') and fired_for is distinct from due_at;