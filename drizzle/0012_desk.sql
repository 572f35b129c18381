CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" integer NOT NULL,
	"text" text NOT NULL,
	"mentions" integer[] DEFAULT '{}'::int[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_search" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"names" text NOT NULL,
	"keys" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "saved_views_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_search" ADD CONSTRAINT "case_search_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_search_keys_idx" ON "case_search" USING gin ("keys");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_name_idx" ON "saved_views" USING btree ("user_id","name");--> statement-breakpoint
-- Hand-written below (ADR-040). pg_trgm backs the name search; PGlite loads it from its contrib
-- (embedded-postgres.worker.mjs). Where the server has no pg_trgm, the migration goes on without
-- it and the name search runs as a plain scan (slower, same answers).
DO $$
BEGIN
	CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
	RAISE WARNING 'pg_trgm is not available (%): the case name search will scan without an index', SQLERRM;
END $$;
--> statement-breakpoint
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
		EXECUTE 'CREATE INDEX case_search_names_trgm_idx ON case_search USING gin (names gin_trgm_ops)';
	END IF;
END $$;
--> statement-breakpoint
-- Folding of names for search: lower case; Kazakh letters to their Russian base letters, ё to е,
-- quotes to spaces. The same mapping is in src/lib/domain/search/fold.ts (a test compares both).
CREATE FUNCTION merzim_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT translate(lower(coalesce(t, '')), 'әғқңөұүһіё«»"“”„', 'агкноуухие      ')
$$;
--> statement-breakpoint
-- The exact keys of a case (see schema.desk.ts): BIN, IMEIs, external id, number sequence, and the
-- prefixes of its CN FEA codes (4 to 10 digits) and control-list codes (2 characters and more).
CREATE FUNCTION case_search_keys(c cases, bin text) RETURNS text[] LANGUAGE sql STABLE AS $$
	SELECT array(
		SELECT DISTINCT k FROM (
			SELECT 'bin:' || bin AS k WHERE bin IS NOT NULL
			UNION ALL SELECT 'ext:' || c.external_id WHERE c.external_id IS NOT NULL
			UNION ALL SELECT 'seq:' || ltrim(substring(c.number from '(\d+)$'), '0')
				WHERE substring(c.number from '(\d+)$') IS NOT NULL
			UNION ALL SELECT 'imei:' || d FROM jsonb_array_elements_text(
				CASE WHEN jsonb_typeof(c.application -> 'devices') = 'array' THEN c.application -> 'devices' ELSE '[]' END) d
			UNION ALL SELECT 'hs:' || left(g ->> 'hsCode', n) FROM jsonb_array_elements(
				CASE WHEN jsonb_typeof(c.application -> 'goodsLines') = 'array' THEN c.application -> 'goodsLines' ELSE '[]' END) g,
				generate_series(4, least(10, length(g ->> 'hsCode'))) n
			UNION ALL SELECT 'cc:' || upper(left(g ->> 'controlCode', n)) FROM jsonb_array_elements(
				CASE WHEN jsonb_typeof(c.application -> 'goodsLines') = 'array' THEN c.application -> 'goodsLines' ELSE '[]' END) g,
				generate_series(2, least(40, length(g ->> 'controlCode'))) n
		) keys WHERE k IS NOT NULL
	)
$$;
--> statement-breakpoint
CREATE FUNCTION case_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	org organisations%ROWTYPE;
BEGIN
	SELECT * INTO org FROM organisations WHERE id = NEW.applicant_id;
	INSERT INTO case_search (case_id, names, keys)
	VALUES (
		NEW.id,
		merzim_fold(concat_ws(' ', org.name, NEW.application -> 'counterparty' ->> 'name', NEW.application -> 'endUser' ->> 'name')),
		case_search_keys(NEW, org.bin)
	)
	ON CONFLICT (case_id) DO UPDATE SET names = EXCLUDED.names, keys = EXCLUDED.keys;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_search_refresh AFTER INSERT OR UPDATE OF application, applicant_id, number, external_id ON cases
	FOR EACH ROW EXECUTE FUNCTION case_search_refresh();
--> statement-breakpoint
-- An organisation renamed (or its BIN corrected): its cases' documents follow.
CREATE FUNCTION case_search_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE cases SET applicant_id = applicant_id WHERE applicant_id = NEW.id;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_search_organisation AFTER UPDATE OF name, bin ON organisations
	FOR EACH ROW EXECUTE FUNCTION case_search_organisation();
--> statement-breakpoint
INSERT INTO case_search (case_id, names, keys)
SELECT c.id,
	merzim_fold(concat_ws(' ', o.name, c.application -> 'counterparty' ->> 'name', c.application -> 'endUser' ->> 'name')),
	case_search_keys(c, o.bin)
FROM cases c JOIN organisations o ON o.id = c.applicant_id;
--> statement-breakpoint
-- /cases: prefix search on the number, the applicant join, and keyset paging by the sortable columns.
CREATE INDEX cases_number_prefix_idx ON cases (number text_pattern_ops);
--> statement-breakpoint
CREATE INDEX cases_applicant_idx ON cases (applicant_id);
--> statement-breakpoint
CREATE INDEX cases_received_idx ON cases (received_at, id);
--> statement-breakpoint
CREATE INDEX cases_decided_idx ON cases ((coalesce(decided_at, 'infinity'::timestamptz)), id);
--> statement-breakpoint
CREATE INDEX cases_service_received_idx ON cases (service, received_at, id);
