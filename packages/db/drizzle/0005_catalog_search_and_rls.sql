-- Hand-written: Spanish full-text search (accents ignored, stemming), FORCE RLS and grants for
-- the use-case catalog. unaccent is a trusted extension (PostgreSQL 13+): the database owner may
-- create it; on PGlite it is loaded by the client factory.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'es_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION public.es_unaccent (COPY = pg_catalog.spanish);
    ALTER TEXT SEARCH CONFIGURATION public.es_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
  END IF;
END
$$;
--> statement-breakpoint
-- Title and tags weigh most, then the summary, then problem and solution.
CREATE OR REPLACE FUNCTION use_cases_search_vector() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('public.es_unaccent', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('public.es_unaccent', array_to_string(NEW.tags, ' ')), 'A') ||
    setweight(to_tsvector('public.es_unaccent', coalesce(NEW.summary, '')), 'B') ||
    setweight(to_tsvector('public.es_unaccent', coalesce(NEW.problem, '') || ' ' || coalesce(NEW.solution, '')), 'C');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER use_cases_search_vector
  BEFORE INSERT OR UPDATE OF title, tags, summary, problem, solution ON "use_cases"
  FOR EACH ROW EXECUTE FUNCTION use_cases_search_vector();
--> statement-breakpoint
ALTER TABLE "use_cases" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "use_case_versions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "adoptions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "endorsements" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "use_case_comments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "comment_acceptances" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "use_cases" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "use_case_versions" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "adoptions" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "endorsements" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "use_case_comments" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "comment_acceptances" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "notifications" TO ciar_app;
--> statement-breakpoint
-- Full-text search side index. RLS keeps PostgreSQL from using a GIN index for `@@` on
-- use_cases itself (the operator is not leakproof, so it may not run before the policies and
-- every row is scanned). This table holds only ids, the visibility flags and the vectors; the
-- app role cannot read it, only call catalog_text_search(), whose answer is then joined back to
-- use_cases, where RLS applies again.
CREATE TABLE "use_case_search" (
  "use_case_id" uuid PRIMARY KEY,
  "commune_id" uuid NOT NULL,
  "shared" boolean NOT NULL,
  "public" boolean NOT NULL,
  "search_vector" tsvector NOT NULL
);
--> statement-breakpoint
CREATE INDEX "use_case_search_vector_idx" ON "use_case_search" USING gin ("search_vector");
--> statement-breakpoint
REVOKE ALL ON "use_case_search" FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION use_case_search_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM use_case_search WHERE use_case_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO use_case_search (use_case_id, commune_id, shared, public, search_vector)
  VALUES (
    NEW.id,
    NEW.commune_id,
    NEW.status = 'published' AND NEW.visibility IN ('coalition', 'public'),
    NEW.status = 'published' AND NEW.visibility = 'public',
    coalesce(NEW.search_vector, ''::tsvector)
  )
  ON CONFLICT (use_case_id) DO UPDATE
    SET commune_id = EXCLUDED.commune_id, shared = EXCLUDED.shared, public = EXCLUDED.public, search_vector = EXCLUDED.search_vector;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER use_case_search_sync
  AFTER INSERT OR UPDATE OR DELETE ON "use_cases"
  FOR EACH ROW EXECUTE FUNCTION use_case_search_sync();
--> statement-breakpoint
-- The same visibility rule as the policies on use_cases (own, shared with a signed-in commune,
-- public), read from the caller's transaction settings.
CREATE OR REPLACE FUNCTION catalog_text_search(query text) RETURNS TABLE (use_case_id uuid, rank real)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog ROWS 500 AS $$
  SELECT s.use_case_id, ts_rank_cd(s.search_vector, q)
  FROM use_case_search s, websearch_to_tsquery('public.es_unaccent', query) AS q
  WHERE s.search_vector @@ q
    AND (s.public OR (s.shared AND (SELECT app_commune_id()) IS NOT NULL) OR s.commune_id = (SELECT app_commune_id()))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION catalog_text_search(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION catalog_text_search(text) TO ciar_app;
--> statement-breakpoint
-- The same set without ranks, for filters and counts (ranking every match costs more than matching).
CREATE OR REPLACE FUNCTION catalog_text_match(query text) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_catalog ROWS 500 AS $$
  SELECT s.use_case_id
  FROM use_case_search s
  WHERE s.search_vector @@ websearch_to_tsquery('public.es_unaccent', query)
    AND (s.public OR (s.shared AND (SELECT app_commune_id()) IS NOT NULL) OR s.commune_id = (SELECT app_commune_id()))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION catalog_text_match(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION catalog_text_match(text) TO ciar_app;
