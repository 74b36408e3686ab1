-- Spend per unit of work (issue 12): one row per repo, PR, workflow run, workflow, model, team,
-- experiment, provider and hour, written in the ingestion transaction (Dashboard/DashboardRollups)
-- for every event that names a PR or a run. The PR comment reads a PR's rows instead of its events,
-- and spend.csv counts runs from it. Absent values are '' (pr 0). The nine-column key is wider than
-- an index key may be, so rows are clustered by (repo, pr) and the upsert holds that range's lock.
CREATE TABLE dbo.unit_spend (
    repo NVARCHAR(200) NOT NULL,
    pr INT NOT NULL,
    run_id NVARCHAR(100) NOT NULL,
    workflow NVARCHAR(200) NOT NULL,
    model NVARCHAR(200) NOT NULL,
    team NVARCHAR(100) NOT NULL,
    experiment NVARCHAR(200) NOT NULL,
    provider NVARCHAR(100) NOT NULL,
    hour_ms BIGINT NOT NULL,
    events BIGINT NOT NULL,
    unpriced_events BIGINT NOT NULL,
    input_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    cache_read_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    cost_micros BIGINT NOT NULL,
    first_ms BIGINT NOT NULL
);
GO
CREATE CLUSTERED INDEX cx_unit_spend_pr ON dbo.unit_spend (repo, pr);
CREATE INDEX ix_unit_spend_hour ON dbo.unit_spend (hour_ms);
GO
-- spend.csv reads its token columns from the dashboard's hourly rollup.
ALTER TABLE dbo.dashboard_spend ADD
    input_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_input DEFAULT 0,
    output_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_output DEFAULT 0,
    cache_read_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_cache_read DEFAULT 0,
    cache_write_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_cache_write DEFAULT 0;
GO
-- Backfill from the events already stored, once: the hourly rollup is rebuilt with its tokens.
DELETE FROM dbo.dashboard_spend;
INSERT INTO dbo.dashboard_spend (hour_ms, team, repo, workflow, model, provider, cost_micros, events, unpriced_events,
                                 input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
SELECT occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, N''), COALESCE(workflow, N''), model, COALESCE(provider, N''),
       SUM(cost_micros), COUNT_BIG(*), SUM(CAST(unpriced AS BIGINT)), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens),
       SUM(cache_write_5m_tokens + cache_write_1h_tokens)
FROM dbo.usage_events
GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, N''), COALESCE(workflow, N''), model, COALESCE(provider, N'');
GO
INSERT INTO dbo.unit_spend (repo, pr, run_id, workflow, model, team, experiment, provider, hour_ms, events, unpriced_events,
                            input_tokens, output_tokens, cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms)
SELECT COALESCE(repo, N''), COALESCE(pr, 0), COALESCE(run_id, N''), COALESCE(workflow, N''), model, team, COALESCE(experiment, N''),
       COALESCE(provider, N''), occurred_at_ms - (occurred_at_ms % 3600000), COUNT_BIG(*), SUM(CAST(unpriced AS BIGINT)), SUM(input_tokens),
       SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(cost_micros),
       MIN(occurred_at_ms)
FROM dbo.usage_events
WHERE pr IS NOT NULL OR run_id IS NOT NULL
GROUP BY COALESCE(repo, N''), COALESCE(pr, 0), COALESCE(run_id, N''), COALESCE(workflow, N''), model, team, COALESCE(experiment, N''),
         COALESCE(provider, N''), occurred_at_ms - (occurred_at_ms % 3600000);
