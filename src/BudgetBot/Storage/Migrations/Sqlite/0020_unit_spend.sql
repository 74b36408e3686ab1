-- Spend per unit of work (issue 12): one row per repo, PR, workflow run, workflow, model, team,
-- experiment, provider and hour, written in the ingestion transaction (Dashboard/DashboardRollups)
-- for every event that names a PR or a run. The PR comment reads a PR's rows instead of its events,
-- and spend.csv counts runs from it. Absent values are '' (pr 0): they are part of the key.
CREATE TABLE unit_spend (
    repo TEXT NOT NULL,
    pr INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    workflow TEXT NOT NULL,
    model TEXT NOT NULL,
    team TEXT NOT NULL,
    experiment TEXT NOT NULL,
    provider TEXT NOT NULL,
    hour_ms INTEGER NOT NULL,
    events INTEGER NOT NULL,
    unpriced_events INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_tokens INTEGER NOT NULL,
    cache_write_5m_tokens INTEGER NOT NULL,
    cache_write_1h_tokens INTEGER NOT NULL,
    cost_micros INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, pr, run_id, workflow, model, team, experiment, provider, hour_ms)
);
CREATE INDEX ix_unit_spend_hour ON unit_spend (hour_ms);

-- spend.csv reads its token columns from the dashboard's hourly rollup.
ALTER TABLE dashboard_spend ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_spend ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_spend ADD COLUMN cache_read_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_spend ADD COLUMN cache_write_tokens INTEGER NOT NULL DEFAULT 0;

-- Backfill from the events already stored, once: the hourly rollup is rebuilt with its tokens.
DELETE FROM dashboard_spend;
INSERT INTO dashboard_spend (hour_ms, team, repo, workflow, model, provider, cost_micros, events, unpriced_events,
                             input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
SELECT occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, ''), COALESCE(workflow, ''), model, COALESCE(provider, ''),
       SUM(cost_micros), COUNT(*), SUM(unpriced), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens),
       SUM(cache_write_5m_tokens + cache_write_1h_tokens)
FROM usage_events
GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, ''), COALESCE(workflow, ''), model, COALESCE(provider, '');

INSERT INTO unit_spend (repo, pr, run_id, workflow, model, team, experiment, provider, hour_ms, events, unpriced_events,
                        input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms)
SELECT COALESCE(repo, ''), COALESCE(pr, 0), COALESCE(run_id, ''), COALESCE(workflow, ''), model, team, COALESCE(experiment, ''),
       COALESCE(provider, ''), occurred_at_ms - (occurred_at_ms % 3600000), COUNT(*), SUM(unpriced), SUM(input_tokens),
       SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(cost_micros),
       MIN(occurred_at_ms)
FROM usage_events
WHERE pr IS NOT NULL OR run_id IS NOT NULL
GROUP BY COALESCE(repo, ''), COALESCE(pr, 0), COALESCE(run_id, ''), COALESCE(workflow, ''), model, team, COALESCE(experiment, ''),
         COALESCE(provider, ''), occurred_at_ms - (occurred_at_ms % 3600000);
