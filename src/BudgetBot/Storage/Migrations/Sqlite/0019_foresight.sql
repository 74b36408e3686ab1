-- Foresight: the cost of each workflow run per model, kept up to date in the ingest transaction so that
-- learned estimates read O(runs in the window) rows, never the events. run_key is repo|workflow|run_id;
-- run_id joins workflow_runs for the run's conclusion;
-- last_ms is the latest event time seen, which both windows the run and says when it went quiet.
CREATE TABLE run_costs (
    run_key TEXT NOT NULL,
    model TEXT NOT NULL,
    run_id TEXT NOT NULL,
    repo TEXT NULL,
    workflow TEXT NULL,
    pr INTEGER NULL,
    cost_micros INTEGER NOT NULL,
    events INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    PRIMARY KEY (run_key, model)
);
CREATE INDEX ix_run_costs_last ON run_costs (last_ms);
