-- Foresight: the cost of each workflow run per model, kept up to date in the ingest transaction so that
-- learned estimates read O(runs in the window) rows, never the events. run_key is repo|workflow|run_id;
-- run_id joins workflow_runs for the run's conclusion;
-- last_ms is the latest event time seen, which both windows the run and says when it went quiet.
CREATE TABLE dbo.run_costs (
    run_key NVARCHAR(450) NOT NULL,
    model NVARCHAR(200) NOT NULL,
    run_id NVARCHAR(200) NOT NULL,
    repo NVARCHAR(200) NULL,
    workflow NVARCHAR(200) NULL,
    pr INT NULL,
    cost_micros BIGINT NOT NULL,
    events BIGINT NOT NULL,
    first_ms BIGINT NOT NULL,
    last_ms BIGINT NOT NULL,
    CONSTRAINT pk_run_costs PRIMARY KEY (run_key, model)
);
GO
CREATE INDEX ix_run_costs_last ON dbo.run_costs (last_ms);
