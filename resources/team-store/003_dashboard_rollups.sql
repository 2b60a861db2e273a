-- Tandem team store, schema version 3: the rest of the dashboard from rollups (policy labels, the
-- acceptance histograms and conversations) and an index for the drill-down's newest-first pages. Additive: builds that
-- know version 1 or 2 keep shipping and reading (tandem_schema_compat is unchanged).

-- Drill-down: newest first over everything (or a date range) reads the first page from this index
-- instead of sorting the whole range.
CREATE INDEX tandem_events_at_id ON tandem_events (at, id);

-- Counts of the labels events carry: policy rule ids (suggestions shown, drafts checked, overrides),
-- escalation reason codes and paths, and override reasons (as typed: the app normalises them when it
-- reads, so a change of normalisation needs no migration). Per hour × team × intent, not per agent
-- (that would make it as large as the events): a view filtered by agent reads that agent's events.
CREATE TABLE tandem_rollup_labels (
  hour timestamptz NOT NULL,
  team text NOT NULL,
  intent text NOT NULL,
  type text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('rule', 'code', 'reason', 'path')),
  label text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (hour, team, intent, type, kind, label)
);

-- Histograms of live acceptances for the percentile cards, in the local store's buckets
-- (src/main/events/metrics/buckets.ts): edit distance to 0.01 (kind 'edit'), time to accept to 100 ms
-- below a second then in 5 % steps (kind 'ms'). Used when a view holds more than 20,000 acceptances;
-- below that the dashboard reads the exact values.
CREATE TABLE tandem_rollup_accept (
  hour timestamptz NOT NULL,
  team text NOT NULL,
  intent text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('edit', 'ms')),
  bucket integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (hour, team, intent, kind, bucket)
);

-- One row per conversation (agent, thread), as the local store keeps it: when it started, its team and
-- intent (from its first event), how many customer messages and suggestions shown. "Suggestions per
-- thread" counts the threads that started in the dashboard's range.
CREATE TABLE tandem_rollup_threads (
  agent_id text NOT NULL,
  thread_id text NOT NULL,
  team text NOT NULL,
  intent text NOT NULL,
  first_at timestamptz NOT NULL,
  messages integer NOT NULL,
  shown integer NOT NULL,
  PRIMARY KEY (agent_id, thread_id)
);
CREATE INDEX tandem_rollup_threads_first_at ON tandem_rollup_threads (first_at, shown);

CREATE FUNCTION tandem_label_rows(ev tandem_events) RETURNS TABLE (kind text, label text)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'rule', jsonb_array_elements_text(ev.payload -> 'ruleIds')
   WHERE ev.type IN ('suggestion_shown', 'draft_checked', 'policy_override') AND jsonb_typeof(ev.payload -> 'ruleIds') = 'array'
  UNION ALL
  SELECT 'code', jsonb_array_elements_text(ev.payload -> 'reasonCodes')
   WHERE ev.type = 'escalated' AND jsonb_typeof(ev.payload -> 'reasonCodes') = 'array'
  UNION ALL
  SELECT 'path', ev.payload ->> 'path' WHERE ev.type = 'escalated' AND ev.payload ? 'path'
  UNION ALL
  SELECT 'reason', ev.payload ->> 'reason' WHERE ev.type = 'policy_override' AND ev.payload ? 'reason'
$$;

CREATE FUNCTION tandem_accept_rows(ev tandem_events) RETURNS TABLE (kind text, bucket integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 'edit', floor(ev.edit_distance * 100 + 0.5)::integer
   WHERE ev.type = 'suggestion_accepted' AND ev.edit_distance IS NOT NULL
  UNION ALL
  SELECT 'ms', CASE WHEN ev.ms_to_accept < 1000 THEN floor(ev.ms_to_accept / 100.0)::integer
                    ELSE 10 + floor(ln(ev.ms_to_accept / 1000.0) / ln(1.05) + 0.5)::integer END
   WHERE ev.type = 'suggestion_accepted' AND ev.ms_to_accept IS NOT NULL
$$;

-- Same pattern as tandem_rollup_insert (002): once per INSERT statement, only the rows really inserted.
CREATE FUNCTION tandem_rollup_details() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO tandem_rollup_labels AS r
  SELECT date_trunc('hour', e.at), e.team, coalesce(e.intent, ''), e.type, l.kind, l.label, count(*)
  FROM new_rows e, tandem_label_rows(e) l
  WHERE e.source <> 'replay' AND e.type IN ('suggestion_shown', 'draft_checked', 'policy_override', 'escalated')
    AND l.label IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (hour, team, intent, type, kind, label) DO UPDATE SET n = r.n + excluded.n;

  INSERT INTO tandem_rollup_accept AS r
  SELECT date_trunc('hour', e.at), e.team, coalesce(e.intent, ''), a.kind, a.bucket, count(*)
  FROM new_rows e, tandem_accept_rows(e) a
  WHERE e.source <> 'replay' AND e.type = 'suggestion_accepted'
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (hour, team, intent, kind, bucket) DO UPDATE SET n = r.n + excluded.n;

  INSERT INTO tandem_rollup_threads AS r
  SELECT agent_id, thread_id, (array_agg(team ORDER BY at))[1], (array_agg(coalesce(intent, '') ORDER BY at))[1],
    min(at), count(*) FILTER (WHERE type = 'message_analyzed'), count(*) FILTER (WHERE type = 'suggestion_shown')
  FROM new_rows
  WHERE source <> 'replay' AND type IN ('message_analyzed', 'suggestion_shown')
  GROUP BY agent_id, thread_id
  ORDER BY agent_id, thread_id
  ON CONFLICT (agent_id, thread_id) DO UPDATE SET
    first_at = least(r.first_at, excluded.first_at),
    messages = r.messages + excluded.messages,
    shown = r.shown + excluded.shown;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION tandem_rollup_details() FROM PUBLIC;

CREATE TRIGGER tandem_rollup_details AFTER INSERT ON tandem_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tandem_rollup_details();

-- Events stored before this version.
INSERT INTO tandem_rollup_labels
SELECT date_trunc('hour', e.at), e.team, coalesce(e.intent, ''), e.type, l.kind, l.label, count(*)
FROM tandem_events e, tandem_label_rows(e) l
WHERE e.source <> 'replay' AND e.type IN ('suggestion_shown', 'draft_checked', 'policy_override', 'escalated')
  AND l.label IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO tandem_rollup_accept
SELECT date_trunc('hour', e.at), e.team, coalesce(e.intent, ''), a.kind, a.bucket, count(*)
FROM tandem_events e, tandem_accept_rows(e) a
WHERE e.source <> 'replay' AND e.type = 'suggestion_accepted'
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO tandem_rollup_threads
SELECT agent_id, thread_id, (array_agg(team ORDER BY at))[1], (array_agg(coalesce(intent, '') ORDER BY at))[1],
  min(at), count(*) FILTER (WHERE type = 'message_analyzed'), count(*) FILTER (WHERE type = 'suggestion_shown')
FROM tandem_events
WHERE source <> 'replay' AND type IN ('message_analyzed', 'suggestion_shown')
GROUP BY agent_id, thread_id;

GRANT SELECT ON tandem_rollup_labels, tandem_rollup_accept, tandem_rollup_threads TO tandem_supervisor;
