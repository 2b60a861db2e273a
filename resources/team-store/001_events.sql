-- Tandem team store, schema version 1: the shared events table, its monthly partitions and the two roles.
-- Applied by `npm run -s cli -- team migrate --url postgres://…` inside one transaction.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tandem_agent') THEN
    CREATE ROLE tandem_agent NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tandem_supervisor') THEN
    CREATE ROLE tandem_supervisor NOLOGIN;
  END IF;
END
$$;

-- One row per assist event. Partitioned by month on `at` so retention drops whole partitions and the
-- dashboard's date ranges prune to the months they cover. The primary key must contain the partition
-- key, hence (id, at): an event's id and time never change, so a resend conflicts and is skipped.
CREATE TABLE tandem_events (
  id text NOT NULL CHECK (id ~ '^[0-9A-HJKMNP-TV-Z]{26}$'),
  at timestamptz NOT NULL,
  type text NOT NULL,
  agent_id text NOT NULL,
  team text NOT NULL,
  source text NOT NULL,
  thread_id text NOT NULL,
  ticket_id text,
  intent text,
  suggestion_id text,
  suggestion_source text,
  model text,
  verdict text,
  accept_kind text,
  edit_distance double precision,
  ms_to_accept integer,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);

-- Dashboard reads: date range for the team, per agent, per intent, per type (acceptances, overrides).
CREATE INDEX tandem_events_team_at ON tandem_events (team, at);
CREATE INDEX tandem_events_agent_at ON tandem_events (agent_id, at);
CREATE INDEX tandem_events_type_at ON tandem_events (type, at);
CREATE INDEX tandem_events_intent_at ON tandem_events (intent, at);

-- Creates the month's partition on first use. SECURITY DEFINER so an agent (INSERT only) can ship the
-- first event of a new month; the advisory lock serialises agents racing to create the same month.
CREATE FUNCTION tandem_ensure_month(ts timestamptz) RETURNS void
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
END
$$;
REVOKE ALL ON FUNCTION tandem_ensure_month(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tandem_ensure_month(timestamptz) TO tandem_agent;

-- Agents only append their own events; the database refuses anything else, whatever the app does.
ALTER TABLE tandem_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tandem_agent_insert ON tandem_events FOR INSERT TO tandem_agent
  WITH CHECK (agent_id = current_user);
CREATE POLICY tandem_supervisor_read ON tandem_events FOR SELECT TO tandem_supervisor USING (true);

GRANT USAGE ON SCHEMA public TO tandem_agent, tandem_supervisor;
-- The desktop checks the schema version before shipping (a newer schema gets a clear message).
GRANT SELECT ON tandem_schema_migrations TO tandem_agent, tandem_supervisor;
GRANT INSERT ON tandem_events TO tandem_agent;
GRANT SELECT ON tandem_events TO tandem_supervisor;

-- Note for writers: agents use `INSERT … ON CONFLICT DO NOTHING` without a conflict target. Naming the
-- target (id, at) would need SELECT on those columns, which agents deliberately do not have; the
-- primary key is the table's only unique index, so the effect is the same.
