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
