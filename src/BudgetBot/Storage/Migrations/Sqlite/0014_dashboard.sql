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
