-- Named versions and signatures of reasoned-refusal letters are immutable: the database refuses to
-- change or remove them (ADR-015; a signed letter cannot be edited).
CREATE TRIGGER draft_versions_immutable BEFORE UPDATE OR DELETE ON draft_versions
  FOR EACH ROW EXECUTE FUNCTION merzim_refuse_change();
--> statement-breakpoint
CREATE TRIGGER draft_versions_no_truncate BEFORE TRUNCATE ON draft_versions
  FOR EACH STATEMENT EXECUTE FUNCTION merzim_refuse_change();
--> statement-breakpoint
CREATE TRIGGER draft_signatures_immutable BEFORE UPDATE OR DELETE ON draft_signatures
  FOR EACH ROW EXECUTE FUNCTION merzim_refuse_change();
--> statement-breakpoint
CREATE TRIGGER draft_signatures_no_truncate BEFORE TRUNCATE ON draft_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION merzim_refuse_change();
