-- Hand-written: FORCE RLS, grants, the assessment workflow's guards and the peer statistics
-- (drizzle-kit emits none of these). Runs on PostgreSQL 15+ and on embedded PGlite (18).

-- Tenant tables: RLS holds for the table owner too.
ALTER TABLE "self_assessments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "self_assessment_answers" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "self_assessment_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "indicator_values" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "roadmap_milestones" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "peer_groups" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "peer_group_members" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "coalitions" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "coalition_members" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "coalition_coordinators" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "maturity_frameworks" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "self_assessments" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "self_assessment_answers" TO ciar_app;
--> statement-breakpoint
-- The history is append-only: no UPDATE or DELETE for the app.
GRANT SELECT, INSERT ON "self_assessment_events" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "indicators" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "indicator_values" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "roadmap_milestones" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "peer_groups" TO ciar_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "peer_group_members" TO ciar_app;
--> statement-breakpoint

-- A framework version is frozen by the first assessment that uses it. The assessment's author
-- may not update frameworks, so the freeze runs with the owner's rights (maturity_frameworks is
-- not FORCE RLS: reference data).
CREATE OR REPLACE FUNCTION maturity_frameworks_freeze_on_use() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE maturity_frameworks SET frozen_at = now() WHERE id = NEW.framework_id AND frozen_at IS NULL;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER self_assessments_freeze_framework
  AFTER INSERT ON "self_assessments"
  FOR EACH ROW EXECUTE FUNCTION maturity_frameworks_freeze_on_use();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION maturity_frameworks_refuse_frozen_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.frozen_at IS NOT NULL AND (NEW.definition IS DISTINCT FROM OLD.definition
      OR NEW.code IS DISTINCT FROM OLD.code OR NEW.version IS DISTINCT FROM OLD.version
      OR NEW.frozen_at IS DISTINCT FROM OLD.frozen_at) THEN
    RAISE EXCEPTION 'maturity framework %/% is frozen: publish a new version', OLD.code, OLD.version
      USING ERRCODE = 'check_violation', CONSTRAINT = 'maturity_frameworks_frozen';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER maturity_frameworks_frozen
  BEFORE UPDATE ON "maturity_frameworks"
  FOR EACH ROW EXECUTE FUNCTION maturity_frameworks_refuse_frozen_change();
--> statement-breakpoint

-- The assessment workflow, held by the database even if the API forgets it: the commune submits
-- (from draft or returned), a coordinator of one of its coalitions returns or validates a submitted
-- one, and a submitted or validated assessment never changes otherwise. The API checks the same
-- rules first (@ciar/domain/progress/assessment-workflow) to give a clear answer.
CREATE OR REPLACE FUNCTION self_assessments_guard_transition() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.commune_id <> OLD.commune_id OR NEW.period <> OLD.period OR NEW.framework_id <> OLD.framework_id THEN
    RAISE EXCEPTION 'an assessment keeps its commune, period and framework'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'self_assessments_transition';
  END IF;
  IF NEW.status = OLD.status AND OLD.status IN ('draft', 'returned') THEN
    RETURN NEW;
  END IF;
  IF OLD.status IN ('draft', 'returned') AND NEW.status = 'submitted'
      AND NEW.commune_id = app_commune_id() THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'submitted' AND NEW.status IN ('returned', 'validated')
      AND NEW.commune_id = ANY (app_coordinated_communes())
      AND NEW.scores IS NOT DISTINCT FROM OLD.scores
      AND NEW.maturity_index IS NOT DISTINCT FROM OLD.maturity_index THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'assessment transition % -> % not allowed here', OLD.status, NEW.status
    USING ERRCODE = 'check_violation', CONSTRAINT = 'self_assessments_transition';
END
$$;
--> statement-breakpoint
CREATE TRIGGER self_assessments_transition
  BEFORE UPDATE ON "self_assessments"
  FOR EACH ROW EXECUTE FUNCTION self_assessments_guard_transition();
--> statement-breakpoint

-- Population bands for fair comparisons (INE 2020 projection). Same thresholds as
-- POPULATION_BANDS in @ciar/domain/format; a test checks that both agree.
CREATE OR REPLACE FUNCTION app_population_band(population integer) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN population IS NULL THEN NULL
      WHEN population < 10000 THEN 'lt10k'
      WHEN population < 50000 THEN '10k-50k'
      WHEN population < 100000 THEN '50k-100k'
      WHEN population < 250000 THEN '100k-250k'
      ELSE 'gt250k'
    END
  $$;
--> statement-breakpoint

-- Peer statistics. A commune compares itself with the median and quartiles of its peers without
-- reading their rows: these functions run as ciar_stats, a role that may read every submitted
-- or validated result, and return only aggregates, and none over fewer than 3 communes. The
-- group is computed here from the caller's own commune (app.commune_id), never taken from the
-- caller, so no one can aim an aggregate at a chosen set of communes.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ciar_stats') THEN
    CREATE ROLE ciar_stats NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  -- A non-superuser migrating role must be able to hand functions over to ciar_stats.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT EXISTS (
    SELECT 1 FROM pg_auth_members m
    JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
    WHERE r.rolname = 'ciar_stats' AND u.rolname = current_user
  ) THEN
    EXECUTE format('GRANT ciar_stats TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE, CREATE ON SCHEMA public TO ciar_stats;
--> statement-breakpoint
GRANT SELECT ON "communes", "coalitions", "coalition_members", "peer_group_members", "self_assessments", "indicator_values" TO ciar_stats;
--> statement-breakpoint
CREATE POLICY "self_assessments_stats_read" ON "self_assessments" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING ("status" IN ('submitted', 'validated'));
--> statement-breakpoint
CREATE POLICY "indicator_values_stats_read" ON "indicator_values" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING (true);
--> statement-breakpoint
CREATE POLICY "peer_group_members_stats_read" ON "peer_group_members" AS PERMISSIVE FOR SELECT TO ciar_stats
  USING (true);
--> statement-breakpoint
-- p_group: 'coalition', 'region', 'band' (population band) or the id of a custom group the
-- caller's commune belongs to. Empty unless the caller's commune is a member of the coalition.
CREATE OR REPLACE FUNCTION peer_communes(p_coalition uuid, p_group text) RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH me AS (
      SELECT c.id, c.region_code, app_population_band(c.population) AS band
      FROM communes c
      JOIN coalition_members m ON m.commune_id = c.id AND m.coalition_id = p_coalition
      WHERE c.id = app_commune_id()
    ), custom AS (
      SELECT CASE WHEN p_group ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN p_group::uuid END AS group_id
    )
    SELECT coalesce(array_agg(m.commune_id ORDER BY m.commune_id), '{}')
    FROM me CROSS JOIN custom
    JOIN coalition_members m ON m.coalition_id = p_coalition
    JOIN communes c ON c.id = m.commune_id
    WHERE p_group = 'coalition'
      OR (p_group = 'region' AND c.region_code = me.region_code)
      OR (p_group = 'band' AND app_population_band(c.population) = me.band)
      OR (custom.group_id IS NOT NULL
        AND EXISTS (SELECT 1 FROM peer_group_members g
          WHERE g.group_id = custom.group_id AND g.coalition_id = p_coalition AND g.commune_id = m.commune_id)
        AND EXISTS (SELECT 1 FROM peer_group_members g
          WHERE g.group_id = custom.group_id AND g.commune_id = me.id))
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION peer_score_stats(p_coalition uuid, p_group text)
  RETURNS TABLE (period text, metric text, n integer, p25 double precision, median double precision, p75 double precision)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH counted AS (
      SELECT a.period, a.scores, a.maturity_index
      FROM self_assessments a
      WHERE a.commune_id = ANY (peer_communes(p_coalition, p_group))
        AND a.status IN ('submitted', 'validated')
    ), metrics AS (
      SELECT c.period, 'index'::text AS metric, c.maturity_index AS value FROM counted c
      UNION ALL
      SELECT c.period, d.key, (d.value #>> '{}')::double precision FROM counted c, jsonb_each(c.scores) d
    )
    SELECT m.period, m.metric, count(*)::integer,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.25) WITHIN GROUP (ORDER BY m.value) END,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value) END,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.75) WITHIN GROUP (ORDER BY m.value) END
    FROM metrics m
    GROUP BY m.period, m.metric
    ORDER BY m.period, m.metric
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION peer_indicator_stats(p_coalition uuid, p_group text, p_indicator uuid)
  RETURNS TABLE (period text, n integer, p25 double precision, median double precision, p75 double precision)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT v.period, count(*)::integer,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.25) WITHIN GROUP (ORDER BY v.value) END,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY v.value) END,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.75) WITHIN GROUP (ORDER BY v.value) END
    FROM indicator_values v
    WHERE v.indicator_id = p_indicator AND v.commune_id = ANY (peer_communes(p_coalition, p_group))
    GROUP BY v.period
    ORDER BY v.period
  $$;
--> statement-breakpoint
ALTER FUNCTION peer_communes(uuid, text) OWNER TO ciar_stats;
--> statement-breakpoint
ALTER FUNCTION peer_score_stats(uuid, text) OWNER TO ciar_stats;
--> statement-breakpoint
ALTER FUNCTION peer_indicator_stats(uuid, text, uuid) OWNER TO ciar_stats;
--> statement-breakpoint
REVOKE ALL ON FUNCTION peer_communes(uuid, text), peer_score_stats(uuid, text), peer_indicator_stats(uuid, text, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION peer_communes(uuid, text), peer_score_stats(uuid, text), peer_indicator_stats(uuid, text, uuid) TO ciar_app;
