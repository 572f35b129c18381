ALTER TABLE "draft_signatures" ALTER COLUMN "pdf" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "draft_signatures" ALTER COLUMN "signature" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "draft_signatures" ADD COLUMN "document_id" uuid;--> statement-breakpoint
ALTER TABLE "draft_signatures" ADD CONSTRAINT "draft_signatures_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: draftsign (ADR-083). A signed chain has its PAdES document, or (before ADR-083) the stand-in PDF.
ALTER TABLE "draft_signatures" ADD CONSTRAINT "draft_signatures_signed_check" CHECK ("document_id" IS NOT NULL OR ("pdf" IS NOT NULL AND "signature" IS NOT NULL));
