DROP INDEX "clocks_next_fire_idx";--> statement-breakpoint
ALTER TABLE "clocks" ADD COLUMN "red_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clocks" ADD COLUMN "red_warned_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "absences" ADD COLUMN "reason" text DEFAULT 'leave' NOT NULL;--> statement-breakpoint
CREATE INDEX "clocks_next_fire_idx" ON "clocks" USING btree ((least(case when warned_for is distinct from due_at then warn_at end, case when red_warned_for is distinct from due_at then red_at end, due_at))) WHERE state in ('running', 'overdue') and fired_for is distinct from due_at;