DROP INDEX "cases_next_due_idx";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "next_due_at";