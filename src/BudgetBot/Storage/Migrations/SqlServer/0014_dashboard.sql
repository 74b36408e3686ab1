-- Dashboard rollups, written in the ingestion transaction beside spend_rollups, so no page ever
-- scans usage_events. Absent dimensions are stored as '' (they are part of the key). The key is
-- nonclustered: its 1,700-byte limit fits the five names.
CREATE TABLE dbo.dashboard_spend (
    hour_ms BIGINT NOT NULL,
    team NVARCHAR(100) NOT NULL,
    repo NVARCHAR(200) NOT NULL,
    workflow NVARCHAR(200) NOT NULL,
    model NVARCHAR(200) NOT NULL,
    provider NVARCHAR(40) NOT NULL,
    cost_micros BIGINT NOT NULL,
    events BIGINT NOT NULL,
    unpriced_events BIGINT NOT NULL,
    CONSTRAINT pk_dashboard_spend PRIMARY KEY NONCLUSTERED (hour_ms, team, repo, workflow, model, provider)
);
GO
CREATE CLUSTERED INDEX cx_dashboard_spend_hour ON dbo.dashboard_spend (hour_ms);
GO
CREATE TABLE dbo.dashboard_pr_spend (
    repo NVARCHAR(200) NOT NULL,
    pr INT NOT NULL,
    cost_micros BIGINT NOT NULL,
    events BIGINT NOT NULL,
    last_ms BIGINT NOT NULL,
    CONSTRAINT pk_dashboard_pr_spend PRIMARY KEY (repo, pr)
);
GO
CREATE TABLE dbo.dashboard_run_spend (
    repo NVARCHAR(200) NOT NULL,
    run_id NVARCHAR(100) NOT NULL,
    workflow NVARCHAR(200) NOT NULL,
    cost_micros BIGINT NOT NULL,
    events BIGINT NOT NULL,
    first_ms BIGINT NOT NULL,
    CONSTRAINT pk_dashboard_run_spend PRIMARY KEY (repo, run_id)
);
GO
CREATE INDEX ix_dashboard_run_spend_first ON dbo.dashboard_run_spend (first_ms);
GO
-- Backfill from the events already stored, once, so an upgraded deployment shows its history.
INSERT INTO dbo.dashboard_spend (hour_ms, team, repo, workflow, model, provider, cost_micros, events, unpriced_events)
SELECT occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, N''), COALESCE(workflow, N''), model, COALESCE(provider, N''),
       SUM(cost_micros), COUNT_BIG(*), SUM(CAST(unpriced AS BIGINT))
FROM dbo.usage_events
GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, N''), COALESCE(workflow, N''), model, COALESCE(provider, N'');
GO
INSERT INTO dbo.dashboard_pr_spend (repo, pr, cost_micros, events, last_ms)
SELECT repo, pr, SUM(cost_micros), COUNT_BIG(*), MAX(occurred_at_ms) FROM dbo.usage_events
WHERE repo IS NOT NULL AND pr IS NOT NULL GROUP BY repo, pr;
GO
INSERT INTO dbo.dashboard_run_spend (repo, run_id, workflow, cost_micros, events, first_ms)
SELECT repo, run_id, MAX(COALESCE(workflow, N'')), SUM(cost_micros), COUNT_BIG(*), MIN(occurred_at_ms) FROM dbo.usage_events
WHERE repo IS NOT NULL AND run_id IS NOT NULL GROUP BY repo, run_id;
