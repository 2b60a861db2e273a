-- Tandem team store, schema version 4: daily companions of the hourly rollups, so a two-month view
-- sums a few thousand rows whatever the team's size; rollups cut in UTC whatever the session's time
-- zone; receipts for the dashboard's live updates; an index for one agent's acceptance percentiles.
-- Additive for builds that know 1–3 (tandem_schema_compat is unchanged). Applied by `team migrate` in one
-- transaction; on a database with events it fills the new tables, mostly from the hourly rollups, and
-- reads the events once for agents × intents and the new index (about 10 s per million events).

-- date_trunc on a timestamptz cuts in the session's TimeZone: a desktop or server set to Asia/Kolkata
-- would cut "hours" at :30 UTC and the dashboard's whole-hour windows would no longer add up. The
-- triggers and this migration therefore always work in UTC.
SET LOCAL TimeZone = 'UTC';

-- Days (UTC) × the hourly rollups' keys. The dashboard reads whole days from these and only the hours at
-- the edges of its window (a local day starts at 23:00 UTC in UTC+1) from the hourly tables.
CREATE TABLE tandem_rollup_daily (
  day timestamptz NOT NULL,
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
  PRIMARY KEY (day, team, intent, suggestion_source, model)
);
CREATE TABLE tandem_rollup_agent_daily (
  day timestamptz NOT NULL,
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
  PRIMARY KEY (day, agent_id, team)
);
CREATE INDEX tandem_rollup_agent_daily_agent ON tandem_rollup_agent_daily (agent_id, day);
-- Agents × intents per day: the agent table filtered by intent, and one agent's intents, without
-- reading that agent's events (the edge hours of such a view do read events: a few hours of a few intents).
CREATE TABLE tandem_rollup_agent_intent_daily (
  intent text NOT NULL,
  day timestamptz NOT NULL,
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
  PRIMARY KEY (intent, day, agent_id, team)
);
CREATE INDEX tandem_rollup_agent_intent_daily_agent ON tandem_rollup_agent_intent_daily (agent_id, day);
CREATE TABLE tandem_rollup_accept_daily (
  day timestamptz NOT NULL,
  team text NOT NULL,
  intent text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('edit', 'ms')),
  bucket integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (day, team, intent, kind, bucket)
);

-- Conversations by suggestions shown, per day the conversation started: "suggestions per thread" over
-- two months without reading a row per conversation. The trigger moves a conversation from its old
-- count to its new one as its events arrive.
CREATE TABLE tandem_rollup_thread_days (
  day timestamptz NOT NULL,
  team text NOT NULL,
  intent text NOT NULL,
  shown integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (day, team, intent, shown)
);
-- The edges of a window read conversations themselves, filtered by team or intent without the table.
CREATE INDEX tandem_rollup_threads_first_at_cover ON tandem_rollup_threads (first_at) INCLUDE (shown, team, intent);
DROP INDEX tandem_rollup_threads_first_at;

-- Acceptances only (about one event in seven), read from the index alone: one agent's percentiles, and
-- the edge hours of a histogram (the hourly histogram rollup held about one row per acceptance, so it
-- is replaced by these and the daily one below).
CREATE INDEX tandem_events_accepted ON tandem_events (agent_id, at)
  INCLUDE (team, intent, source, accept_kind, edit_distance, ms_to_accept)
  WHERE type = 'suggestion_accepted';
CREATE INDEX tandem_events_accepted_at ON tandem_events (at)
  INCLUDE (team, intent, source, accept_kind, edit_distance, ms_to_accept)
  WHERE type = 'suggestion_accepted';

-- Counters: each statement's rows are aggregated once per hour, the hours upserted, and the same
-- hourly groups summed into days (a few rows) — one pass over the statement's rows for both.
CREATE OR REPLACE FUNCTION tandem_rollup_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $$
BEGIN
  WITH h AS MATERIALIZED (
    SELECT date_trunc('hour', at) AS hour, team, coalesce(intent, '') AS intent,
      coalesce(suggestion_source, '') AS suggestion_source, coalesce(model, '') AS model,
      count(*) FILTER (WHERE type = 'message_analyzed') AS messages,
      count(*) FILTER (WHERE type = 'suggestion_shown') AS shown,
      count(*) FILTER (WHERE type = 'suggestion_shown' AND verdict = 'block') AS shown_blocked,
      count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'asIs') AS accepted_as_is,
      count(*) FILTER (WHERE type = 'suggestion_accepted' AND accept_kind = 'edited') AS accepted_edited,
      count(*) FILTER (WHERE type = 'suggestion_rejected') AS rejected,
      count(*) FILTER (WHERE type = 'policy_override') AS overrides,
      count(*) FILTER (WHERE type = 'escalated') AS escalations,
      count(*) FILTER (WHERE type = 'draft_checked') AS drafts_checked,
      count(*) FILTER (WHERE type = 'draft_checked' AND verdict = 'block') AS drafts_blocked,
      coalesce(sum(edit_distance) FILTER (WHERE type = 'suggestion_accepted'), 0) AS edit_sum,
      coalesce(sum(ms_to_accept) FILTER (WHERE type = 'suggestion_accepted'), 0) AS accept_ms_sum,
      agent_id
    FROM new_rows
    WHERE source <> 'replay'
    GROUP BY 1, 2, 3, 4, 5, agent_id
  ), team_hours AS (
    INSERT INTO tandem_rollup_hourly AS r
    SELECT hour, team, intent, suggestion_source, model, sum(messages), sum(shown), sum(shown_blocked),
      sum(accepted_as_is), sum(accepted_edited), sum(rejected), sum(overrides), sum(escalations),
      sum(drafts_checked), sum(drafts_blocked), sum(edit_sum), sum(accept_ms_sum)
    FROM h GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (hour, team, intent, suggestion_source, model) DO UPDATE SET
      messages = r.messages + excluded.messages, shown = r.shown + excluded.shown,
      shown_blocked = r.shown_blocked + excluded.shown_blocked,
      accepted_as_is = r.accepted_as_is + excluded.accepted_as_is,
      accepted_edited = r.accepted_edited + excluded.accepted_edited, rejected = r.rejected + excluded.rejected,
      overrides = r.overrides + excluded.overrides, escalations = r.escalations + excluded.escalations,
      drafts_checked = r.drafts_checked + excluded.drafts_checked,
      drafts_blocked = r.drafts_blocked + excluded.drafts_blocked, edit_sum = r.edit_sum + excluded.edit_sum,
      accept_ms_sum = r.accept_ms_sum + excluded.accept_ms_sum
  ), team_days AS (
    INSERT INTO tandem_rollup_daily AS r
    SELECT date_trunc('day', hour), team, intent, suggestion_source, model, sum(messages), sum(shown),
      sum(shown_blocked), sum(accepted_as_is), sum(accepted_edited), sum(rejected), sum(overrides),
      sum(escalations), sum(drafts_checked), sum(drafts_blocked), sum(edit_sum), sum(accept_ms_sum)
    FROM h GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (day, team, intent, suggestion_source, model) DO UPDATE SET
      messages = r.messages + excluded.messages, shown = r.shown + excluded.shown,
      shown_blocked = r.shown_blocked + excluded.shown_blocked,
      accepted_as_is = r.accepted_as_is + excluded.accepted_as_is,
      accepted_edited = r.accepted_edited + excluded.accepted_edited, rejected = r.rejected + excluded.rejected,
      overrides = r.overrides + excluded.overrides, escalations = r.escalations + excluded.escalations,
      drafts_checked = r.drafts_checked + excluded.drafts_checked,
      drafts_blocked = r.drafts_blocked + excluded.drafts_blocked, edit_sum = r.edit_sum + excluded.edit_sum,
      accept_ms_sum = r.accept_ms_sum + excluded.accept_ms_sum
  ), agent_hours AS (
    INSERT INTO tandem_rollup_agent_hourly AS r
    SELECT hour, agent_id, team, sum(messages), sum(shown), sum(shown_blocked), sum(accepted_as_is),
      sum(accepted_edited), sum(rejected), sum(overrides), sum(escalations), sum(drafts_checked),
      sum(drafts_blocked), sum(edit_sum), sum(accept_ms_sum)
    FROM h GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (hour, agent_id, team) DO UPDATE SET
      messages = r.messages + excluded.messages, shown = r.shown + excluded.shown,
      shown_blocked = r.shown_blocked + excluded.shown_blocked,
      accepted_as_is = r.accepted_as_is + excluded.accepted_as_is,
      accepted_edited = r.accepted_edited + excluded.accepted_edited, rejected = r.rejected + excluded.rejected,
      overrides = r.overrides + excluded.overrides, escalations = r.escalations + excluded.escalations,
      drafts_checked = r.drafts_checked + excluded.drafts_checked,
      drafts_blocked = r.drafts_blocked + excluded.drafts_blocked, edit_sum = r.edit_sum + excluded.edit_sum,
      accept_ms_sum = r.accept_ms_sum + excluded.accept_ms_sum
  ), agent_intent_days AS (
    INSERT INTO tandem_rollup_agent_intent_daily AS r
    SELECT intent, date_trunc('day', hour), agent_id, team, sum(messages), sum(shown), sum(shown_blocked),
      sum(accepted_as_is), sum(accepted_edited), sum(rejected), sum(overrides), sum(escalations),
      sum(drafts_checked), sum(drafts_blocked), sum(edit_sum), sum(accept_ms_sum)
    FROM h GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (intent, day, agent_id, team) DO UPDATE SET
      messages = r.messages + excluded.messages, shown = r.shown + excluded.shown,
      shown_blocked = r.shown_blocked + excluded.shown_blocked,
      accepted_as_is = r.accepted_as_is + excluded.accepted_as_is,
      accepted_edited = r.accepted_edited + excluded.accepted_edited, rejected = r.rejected + excluded.rejected,
      overrides = r.overrides + excluded.overrides, escalations = r.escalations + excluded.escalations,
      drafts_checked = r.drafts_checked + excluded.drafts_checked,
      drafts_blocked = r.drafts_blocked + excluded.drafts_blocked, edit_sum = r.edit_sum + excluded.edit_sum,
      accept_ms_sum = r.accept_ms_sum + excluded.accept_ms_sum
  )
  INSERT INTO tandem_rollup_agent_daily AS r
  SELECT date_trunc('day', hour), agent_id, team, sum(messages), sum(shown), sum(shown_blocked),
    sum(accepted_as_is), sum(accepted_edited), sum(rejected), sum(overrides), sum(escalations),
    sum(drafts_checked), sum(drafts_blocked), sum(edit_sum), sum(accept_ms_sum)
  FROM h GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, agent_id, team) DO UPDATE SET
    messages = r.messages + excluded.messages, shown = r.shown + excluded.shown,
    shown_blocked = r.shown_blocked + excluded.shown_blocked,
    accepted_as_is = r.accepted_as_is + excluded.accepted_as_is,
    accepted_edited = r.accepted_edited + excluded.accepted_edited, rejected = r.rejected + excluded.rejected,
    overrides = r.overrides + excluded.overrides, escalations = r.escalations + excluded.escalations,
    drafts_checked = r.drafts_checked + excluded.drafts_checked,
    drafts_blocked = r.drafts_blocked + excluded.drafts_blocked, edit_sum = r.edit_sum + excluded.edit_sum,
    accept_ms_sum = r.accept_ms_sum + excluded.accept_ms_sum;
  RETURN NULL;
END
$$;

-- Labels, the daily acceptance histograms and conversations. Threads the
-- statement touches are locked first, in key order, so the histogram moves each conversation out of
-- the count it really had even when two desktops signed in as the same agent ship at once.
CREATE OR REPLACE FUNCTION tandem_rollup_details() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $$
BEGIN
  INSERT INTO tandem_rollup_labels AS r
  SELECT date_trunc('hour', e.at), e.team, coalesce(e.intent, ''), e.type, l.kind, l.label, count(*)
  FROM new_rows e, tandem_label_rows(e) l
  WHERE e.source <> 'replay' AND e.type IN ('suggestion_shown', 'draft_checked', 'policy_override', 'escalated')
    AND l.label IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (hour, team, intent, type, kind, label) DO UPDATE SET n = r.n + excluded.n;

  INSERT INTO tandem_rollup_accept_daily AS r
  SELECT date_trunc('day', e.at), e.team, coalesce(e.intent, ''), x.kind, x.bucket, count(*)
  FROM new_rows e, tandem_accept_rows(e) x
  WHERE e.source <> 'replay' AND e.type = 'suggestion_accepted'
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, team, intent, kind, bucket) DO UPDATE SET n = r.n + excluded.n;

  PERFORM 1 FROM tandem_rollup_threads t
  WHERE (t.agent_id, t.thread_id) IN (
    SELECT agent_id, thread_id FROM new_rows
    WHERE source <> 'replay' AND type IN ('message_analyzed', 'suggestion_shown'))
  ORDER BY t.agent_id, t.thread_id
  FOR UPDATE;

  WITH batch AS (
    SELECT agent_id, thread_id, (array_agg(team ORDER BY at))[1] AS team,
      (array_agg(coalesce(intent, '') ORDER BY at))[1] AS intent, min(at) AS first_at,
      count(*) FILTER (WHERE type = 'message_analyzed') AS messages,
      count(*) FILTER (WHERE type = 'suggestion_shown') AS shown
    FROM new_rows
    WHERE source <> 'replay' AND type IN ('message_analyzed', 'suggestion_shown')
    GROUP BY agent_id, thread_id
  ), before AS (
    SELECT t.first_at, t.team, t.intent, t.shown FROM tandem_rollup_threads t JOIN batch b USING (agent_id, thread_id)
  ), after AS (
    INSERT INTO tandem_rollup_threads AS r
    SELECT agent_id, thread_id, team, intent, first_at, messages, shown FROM batch ORDER BY agent_id, thread_id
    ON CONFLICT (agent_id, thread_id) DO UPDATE SET
      first_at = least(r.first_at, excluded.first_at),
      messages = r.messages + excluded.messages,
      shown = r.shown + excluded.shown
    RETURNING r.first_at, r.team, r.intent, r.shown
  )
  INSERT INTO tandem_rollup_thread_days AS r
  SELECT date_trunc('day', first_at), team, intent, shown, sum(d)
  FROM (SELECT first_at, team, intent, shown, 1 AS d FROM after
        UNION ALL SELECT first_at, team, intent, shown, -1 FROM before) moved
  GROUP BY 1, 2, 3, 4
  HAVING sum(d) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, team, intent, shown) DO UPDATE SET n = r.n + excluded.n;
  RETURN NULL;
END
$$;

-- Live updates: one receipt per INSERT that stored rows, so an open dashboard learns of new events by
-- reading a handful of receipts instead of scanning the events. `xid` lets a reader that remembers the
-- oldest transaction still running at its last look catch receipts committed out of order. Receipts
-- older than a day are pruned now and then by whoever ships (SKIP LOCKED: never waits on another).
CREATE TABLE tandem_receipts (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  received_at timestamptz NOT NULL DEFAULT now(),
  n integer NOT NULL,
  latest_ids text[] NOT NULL
);
CREATE INDEX tandem_receipts_xid ON tandem_receipts (xid);

CREATE FUNCTION tandem_receipt() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO tandem_receipts (n, latest_ids)
  SELECT count(*), ARRAY(SELECT id FROM new_rows ORDER BY at DESC, id DESC LIMIT 100) FROM new_rows
  HAVING count(*) > 0;
  IF random() < 0.02 THEN
    DELETE FROM tandem_receipts WHERE seq IN (
      SELECT seq FROM tandem_receipts WHERE received_at < now() - interval '1 day'
      ORDER BY seq LIMIT 10000 FOR UPDATE SKIP LOCKED);
  END IF;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tandem_receipt() FROM PUBLIC;

CREATE TRIGGER tandem_receipt AFTER INSERT ON tandem_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem_receipt();

-- What is already stored, summed from the hourly rollups (exact: days are whole hours).
INSERT INTO tandem_rollup_daily
SELECT date_trunc('day', hour), team, intent, suggestion_source, model, sum(messages), sum(shown),
  sum(shown_blocked), sum(accepted_as_is), sum(accepted_edited), sum(rejected), sum(overrides),
  sum(escalations), sum(drafts_checked), sum(drafts_blocked), sum(edit_sum), sum(accept_ms_sum)
FROM tandem_rollup_hourly GROUP BY 1, 2, 3, 4, 5;

INSERT INTO tandem_rollup_agent_daily
SELECT date_trunc('day', hour), agent_id, team, sum(messages), sum(shown), sum(shown_blocked),
  sum(accepted_as_is), sum(accepted_edited), sum(rejected), sum(overrides), sum(escalations),
  sum(drafts_checked), sum(drafts_blocked), sum(edit_sum), sum(accept_ms_sum)
FROM tandem_rollup_agent_hourly GROUP BY 1, 2, 3;

-- Agents × intents are not in any earlier rollup: one pass over the events.
INSERT INTO tandem_rollup_agent_intent_daily
SELECT coalesce(intent, ''), date_trunc('day', at), agent_id, team,
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
GROUP BY 1, 2, 3, 4;

INSERT INTO tandem_rollup_accept_daily
SELECT date_trunc('day', hour), team, intent, kind, bucket, sum(n) FROM tandem_rollup_accept GROUP BY 1, 2, 3, 4, 5;
-- Replaced by the daily histogram and the acceptance index. A supervisor build that knows only schema 3
-- no longer finds it and reads percentiles, labels and conversations from the events: the same
-- figures, more slowly, until it is updated.
DROP TABLE tandem_rollup_accept;

INSERT INTO tandem_rollup_thread_days
SELECT date_trunc('day', first_at), team, intent, shown, count(*) FROM tandem_rollup_threads GROUP BY 1, 2, 3, 4;

GRANT SELECT ON tandem_rollup_daily, tandem_rollup_agent_daily, tandem_rollup_agent_intent_daily, tandem_rollup_accept_daily,
  tandem_rollup_thread_days, tandem_receipts TO tandem_supervisor;
