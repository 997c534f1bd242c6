ALTER TABLE "peer_group_members" ADD CONSTRAINT "peer_group_members_coalition_member_fk" FOREIGN KEY ("coalition_id","commune_id") REFERENCES "public"."coalition_members"("coalition_id","commune_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER POLICY "self_assessment_events_own_insert" ON "self_assessment_events" TO public WITH CHECK ("self_assessment_events"."commune_id" = (select app_commune_id()) and "self_assessment_events"."actor_user_id" = (select app_user_id())
        and (("self_assessment_events"."action" = 'created' and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_events"."commune_id" and a.id = "self_assessment_events"."assessment_id" and a.status in ('draft')))
          or ("self_assessment_events"."action" = 'submitted' and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_events"."commune_id" and a.id = "self_assessment_events"."assessment_id" and a.status in ('submitted')))));--> statement-breakpoint
ALTER POLICY "self_assessment_events_coordinator_insert" ON "self_assessment_events" TO public WITH CHECK ("self_assessment_events"."commune_id" = any(((select app_coordinated_communes())::uuid[])) and "self_assessment_events"."actor_user_id" = (select app_user_id())
        and (("self_assessment_events"."action" = 'returned' and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_events"."commune_id" and a.id = "self_assessment_events"."assessment_id" and a.status in ('returned')))
          or ("self_assessment_events"."action" = 'validated' and exists (select 1 from self_assessments a where a.commune_id = "self_assessment_events"."commune_id" and a.id = "self_assessment_events"."assessment_id" and a.status in ('validated')))));--> statement-breakpoint
-- Hand-added below (drizzle-kit emits no functions or triggers).
-- A review happens at the coordinator door, which sets no commune: someone who is both a member
-- of a commune and a coordinator of its coalition cannot validate from inside the commune.
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
      AND app_commune_id() IS NULL
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
-- Coordinators may switch their coalition's result sharing, nothing else of it.
CREATE OR REPLACE FUNCTION coalitions_guard_update() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF app_user_id() IS NOT NULL AND NOT app_is_platform_admin()
      AND (NEW.slug, NEW.name, NEW.country, NEW.description, NEW.source_url, NEW.is_demo, NEW.created_at)
        IS DISTINCT FROM (OLD.slug, OLD.name, OLD.country, OLD.description, OLD.source_url, OLD.is_demo, OLD.created_at) THEN
    RAISE EXCEPTION 'only platform admins change a coalition; coordinators switch its result sharing'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER coalitions_guard_update
  BEFORE UPDATE ON "coalitions"
  FOR EACH ROW EXECUTE FUNCTION coalitions_guard_update();
--> statement-breakpoint
-- Quartiles of a small group give its members away: with 3 values, p25, the median and p75
-- determine all three (linear interpolation), and a member knows its own. Members therefore get
-- the median from 3 communes and the quartiles from 5 (MIN_QUARTILE_SIZE in @ciar/domain).
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
      CASE WHEN count(*) >= 5 THEN percentile_cont(0.25) WITHIN GROUP (ORDER BY m.value) END,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value) END,
      CASE WHEN count(*) >= 5 THEN percentile_cont(0.75) WITHIN GROUP (ORDER BY m.value) END
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
      CASE WHEN count(*) >= 5 THEN percentile_cont(0.25) WITHIN GROUP (ORDER BY v.value) END,
      CASE WHEN count(*) >= 3 THEN percentile_cont(0.5) WITHIN GROUP (ORDER BY v.value) END,
      CASE WHEN count(*) >= 5 THEN percentile_cont(0.75) WITHIN GROUP (ORDER BY v.value) END
    FROM indicator_values v
    WHERE v.indicator_id = p_indicator AND v.commune_id = ANY (peer_communes(p_coalition, p_group))
    GROUP BY v.period
    ORDER BY v.period
  $$;
