-- Tandem team store, schema version 2: hourly rollups for the dashboard, a drill-down index, and a
-- race fix in the monthly partition creation. Applied by `team migrate` in one transaction; works on an
-- empty version-1 database and on one that already holds events (they are rolled up here).

-- Two agents shipping the first events of a month at once: the loser of the advisory lock could still
-- see the partition as missing (its catalog cache predates the winner's commit) and fail with
-- "already exists". The existing partition is what it wanted, so that error is success.
CREATE OR REPLACE FUNCTION tandem_ensure_month(ts timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  month_start timestamptz := date_trunc('month', ts AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  part text := 'tandem_events_' || to_char(ts AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  IF to_regclass(part) IS NOT NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('tandem_ensure_month'));
  IF to_regclass(part) IS NOT NULL THEN
    RETURN;
  END IF;
  EXECUTE format(
    'CREATE TABLE %I PARTITION OF tandem_events FOR VALUES FROM (%L) TO (%L)',
    part, month_start, month_start + interval '1 month'
  );
EXCEPTION WHEN duplicate_table OR unique_violation THEN
  RETURN;
END
$$;

-- The dashboard's counters per hour, in two rollups small enough to sum in milliseconds. Keyed by
-- everything at once (hour × agent × team × intent × source × model) a rollup row would hold about
-- two events (measured over 10,000,000): no smaller than the events. So:
--   tandem_rollup_hourly        hour × team × intent × suggestion source × model (no agent): the team
--                               views, their breakdowns and every filter but agent;
--   tandem_rollup_agent_hourly  hour × agent × team: the agent table and per-agent views.
-- A view filtered by agent AND intent reads the events (an agent's events are few; index agent, at).
-- Replay (trainer) events are not counted, as on the dashboard. Agents cannot read or write them; the
-- trigger below (SECURITY DEFINER) keeps them, supervisors read them.
CREATE TABLE tandem_rollup_hourly (
  hour timestamptz NOT NULL,
  team text NOT NULL,
  intent text NOT NULL,
  suggestion_source text NOT NULL,
  model text NOT NULL,
  messages integer NOT NULL DEFAULT 0,
  shown integer NOT NULL DEFAULT 0,
  shown_blocked integer NOT NULL DEFAULT 0,
  accepted_as_is integer NOT NULL DEFAULT 0,
  accepted_edited integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  overrides integer NOT NULL DEFAULT 0,
  escalations integer NOT NULL DEFAULT 0,
  drafts_checked integer NOT NULL DEFAULT 0,
  drafts_blocked integer NOT NULL DEFAULT 0,
  edit_sum double precision NOT NULL DEFAULT 0,
  accept_ms_sum double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, team, intent, suggestion_source, model)
);
CREATE TABLE tandem_rollup_agent_hourly (
  hour timestamptz NOT NULL,
  agent_id text NOT NULL,
  team text NOT NULL,
  messages integer NOT NULL DEFAULT 0,
  shown integer NOT NULL DEFAULT 0,
  shown_blocked integer NOT NULL DEFAULT 0,
  accepted_as_is integer NOT NULL DEFAULT 0,
  accepted_edited integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  overrides integer NOT NULL DEFAULT 0,
  escalations integer NOT NULL DEFAULT 0,
  drafts_checked integer NOT NULL DEFAULT 0,
  drafts_blocked integer NOT NULL DEFAULT 0,
  edit_sum double precision NOT NULL DEFAULT 0,
  accept_ms_sum double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (hour, agent_id, team)
);
CREATE INDEX tandem_rollup_agent_hourly_agent ON tandem_rollup_agent_hourly (agent_id, hour);

-- Adds a set of newly inserted events to the rollups. Called once per INSERT statement with only the
-- rows that statement really inserted (a resend skipped by ON CONFLICT is not in `new_rows`), so the
-- counts stay exact under retries. Rows are upserted in key order so concurrent agents cannot deadlock.
CREATE FUNCTION tandem_rollup_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO tandem_rollup_hourly AS r
  SELECT date_trunc('hour', at), team, coalesce(intent, ''), coalesce(suggestion_source, ''), coalesce(model, ''),
    count(*) FILTER (WHERE type = 'message_analyzed'),
    count(*) FILTER (WHERE type = 'suggestion_shown'),
    count(*) FILTER (WHERE type = 'suggestion_shown' AND verdict = 'block'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'asIs'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'edited'),
    count(*) FILTER (WHERE type = 'suggestion_rejected'),
    count(*) FILTER (WHERE type = 'policy_override'),
    count(*) FILTER (WHERE type = 'escalated'),
    count(*) FILTER (WHERE type = 'draft_checked'),
    count(*) FILTER (WHERE type = 'draft_checked' AND verdict = 'block'),
    coalesce(sum(edit_distance) FILTER (WHERE type = 'suggestion_accepted'), 0),
    coalesce(sum(ms_to_accept) FILTER (WHERE type = 'suggestion_accepted'), 0)
  FROM new_rows
  WHERE source <> 'replay'
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (hour, team, intent, suggestion_source, model) DO UPDATE SET
    messages = r.messages + excluded.messages,
    shown = r.shown + excluded.shown,
    shown_blocked = r.shown_blocked + excluded.shown_blocked,
    accepted_as_is = r.accepted_as_is + excluded.accepted_as_is,
    accepted_edited = r.accepted_edited + excluded.accepted_edited,
    rejected = r.rejected + excluded.rejected,
    overrides = r.overrides + excluded.overrides,
    escalations = r.escalations + excluded.escalations,
    drafts_checked = r.drafts_checked + excluded.drafts_checked,
    drafts_blocked = r.drafts_blocked + excluded.drafts_blocked,
    edit_sum = r.edit_sum + excluded.edit_sum,
    accept_ms_sum = r.accept_ms_sum + excluded.accept_ms_sum;

  INSERT INTO tandem_rollup_agent_hourly AS r
  SELECT date_trunc('hour', at), agent_id, team,
    count(*) FILTER (WHERE type = 'message_analyzed'),
    count(*) FILTER (WHERE type = 'suggestion_shown'),
    count(*) FILTER (WHERE type = 'suggestion_shown' AND verdict = 'block'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'asIs'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'edited'),
    count(*) FILTER (WHERE type = 'suggestion_rejected'),
    count(*) FILTER (WHERE type = 'policy_override'),
    count(*) FILTER (WHERE type = 'escalated'),
    count(*) FILTER (WHERE type = 'draft_checked'),
    count(*) FILTER (WHERE type = 'draft_checked' AND verdict = 'block'),
    coalesce(sum(edit_distance) FILTER (WHERE type = 'suggestion_accepted'), 0),
    coalesce(sum(ms_to_accept) FILTER (WHERE type = 'suggestion_accepted'), 0)
  FROM new_rows
  WHERE source <> 'replay'
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (hour, agent_id, team) DO UPDATE SET
    messages = r.messages + excluded.messages,
    shown = r.shown + excluded.shown,
    shown_blocked = r.shown_blocked + excluded.shown_blocked,
    accepted_as_is = r.accepted_as_is + excluded.accepted_as_is,
    accepted_edited = r.accepted_edited + excluded.accepted_edited,
    rejected = r.rejected + excluded.rejected,
    overrides = r.overrides + excluded.overrides,
    escalations = r.escalations + excluded.escalations,
    drafts_checked = r.drafts_checked + excluded.drafts_checked,
    drafts_blocked = r.drafts_blocked + excluded.drafts_blocked,
    edit_sum = r.edit_sum + excluded.edit_sum,
    accept_ms_sum = r.accept_ms_sum + excluded.accept_ms_sum;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tandem_rollup_insert() FROM PUBLIC;

CREATE TRIGGER tandem_rollup_insert AFTER INSERT ON tandem_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem_rollup_insert();

-- Events stored before this version.
INSERT INTO tandem_rollup_hourly
SELECT date_trunc('hour', at), team, coalesce(intent, ''), coalesce(suggestion_source, ''), coalesce(model, ''),
  count(*) FILTER (WHERE type = 'message_analyzed'),
    count(*) FILTER (WHERE type = 'suggestion_shown'),
    count(*) FILTER (WHERE type = 'suggestion_shown' AND verdict = 'block'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'asIs'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'edited'),
    count(*) FILTER (WHERE type = 'suggestion_rejected'),
    count(*) FILTER (WHERE type = 'policy_override'),
    count(*) FILTER (WHERE type = 'escalated'),
    count(*) FILTER (WHERE type = 'draft_checked'),
    count(*) FILTER (WHERE type = 'draft_checked' AND verdict = 'block'),
    coalesce(sum(edit_distance) FILTER (WHERE type = 'suggestion_accepted'), 0),
    coalesce(sum(ms_to_accept) FILTER (WHERE type = 'suggestion_accepted'), 0)
FROM tandem_events
WHERE source <> 'replay'
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO tandem_rollup_agent_hourly
SELECT date_trunc('hour', at), agent_id, team,
  count(*) FILTER (WHERE type = 'message_analyzed'),
    count(*) FILTER (WHERE type = 'suggestion_shown'),
    count(*) FILTER (WHERE type = 'suggestion_shown' AND verdict = 'block'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'asIs'),
    count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'edited'),
    count(*) FILTER (WHERE type = 'suggestion_rejected'),
    count(*) FILTER (WHERE type = 'policy_override'),
    count(*) FILTER (WHERE type = 'escalated'),
    count(*) FILTER (WHERE type = 'draft_checked'),
    count(*) FILTER (WHERE type = 'draft_checked' AND verdict = 'block'),
    coalesce(sum(edit_distance) FILTER (WHERE type = 'suggestion_accepted'), 0),
    coalesce(sum(ms_to_accept) FILTER (WHERE type = 'suggestion_accepted'), 0)
FROM tandem_events
WHERE source <> 'replay'
GROUP BY 1, 2, 3;

GRANT SELECT ON tandem_rollup_hourly, tandem_rollup_agent_hourly TO tandem_supervisor;

-- Which older builds may still use this database. Version 2 only adds server-side objects: a desktop
-- that knows version 1 ships the same columns and a supervisor build that knows version 1 reads the
-- same events table, so an administrator can upgrade the server before every desktop is updated.
-- A future migration that changes what builds must write raises `oldest_build_schema`.
CREATE TABLE tandem_schema_compat (
  id integer PRIMARY KEY CHECK (id = 1),
  oldest_build_schema integer NOT NULL
);
INSERT INTO tandem_schema_compat VALUES (1, 1);
GRANT SELECT ON tandem_schema_compat TO tandem_agent, tandem_supervisor;
