-- Dashboard rollups, written in the ingestion transaction beside spend_rollups, so no page ever
-- scans usage_events. Absent dimensions are stored as '' (they are part of the key).
CREATE TABLE dashboard_spend (
    hour_ms INTEGER NOT NULL,
    team TEXT NOT NULL,
    repo TEXT NOT NULL,
    workflow TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    cost_micros INTEGER NOT NULL,
    events INTEGER NOT NULL,
    unpriced_events INTEGER NOT NULL,
    PRIMARY KEY (hour_ms, team, repo, workflow, model, provider)
);

-- One row per pull request and per workflow run: what units of work cost.
CREATE TABLE dashboard_pr_spend (
    repo TEXT NOT NULL,
    pr INTEGER NOT NULL,
    cost_micros INTEGER NOT NULL,
    events INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, pr)
);

CREATE TABLE dashboard_run_spend (
    repo TEXT NOT NULL,
    run_id TEXT NOT NULL,
    workflow TEXT NOT NULL,
    cost_micros INTEGER NOT NULL,
    events INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, run_id)
);
CREATE INDEX ix_dashboard_run_spend_first ON dashboard_run_spend (first_ms);

-- Backfill from the events already stored, once, so an upgraded deployment shows its history.
INSERT INTO dashboard_spend (hour_ms, team, repo, workflow, model, provider, cost_micros, events, unpriced_events)
SELECT occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, ''), COALESCE(workflow, ''), model, COALESCE(provider, ''),
       SUM(cost_micros), COUNT(*), SUM(unpriced)
FROM usage_events
GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, ''), COALESCE(workflow, ''), model, COALESCE(provider, '');

INSERT INTO dashboard_pr_spend (repo, pr, cost_micros, events, last_ms)
SELECT repo, pr, SUM(cost_micros), COUNT(*), MAX(occurred_at_ms) FROM usage_events
WHERE repo IS NOT NULL AND pr IS NOT NULL GROUP BY repo, pr;

INSERT INTO dashboard_run_spend (repo, run_id, workflow, cost_micros, events, first_ms)
SELECT repo, run_id, MAX(COALESCE(workflow, '')), SUM(cost_micros), COUNT(*), MIN(occurred_at_ms) FROM usage_events
WHERE repo IS NOT NULL AND run_id IS NOT NULL GROUP BY repo, run_id;
