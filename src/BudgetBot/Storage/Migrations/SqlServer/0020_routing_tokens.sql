-- Routing advice prices a workflow's token counts on another model, so the per-hour dashboard rollup
-- (workflow x model x provider) carries the tokens by billing class next to their cost. Backfilled
-- once from the events already stored; ingestion keeps them current from here on.
ALTER TABLE dbo.dashboard_spend ADD
    input_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_input DEFAULT 0,
    output_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_output DEFAULT 0,
    cache_read_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_cache_read DEFAULT 0,
    cache_write_5m_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_cache_5m DEFAULT 0,
    cache_write_1h_tokens BIGINT NOT NULL CONSTRAINT df_dashboard_spend_cache_1h DEFAULT 0;
GO
UPDATE d
SET d.input_tokens = t.i, d.output_tokens = t.o, d.cache_read_tokens = t.r, d.cache_write_5m_tokens = t.w5, d.cache_write_1h_tokens = t.w1
FROM dbo.dashboard_spend d
JOIN (
    SELECT occurred_at_ms - (occurred_at_ms % 3600000) AS h, team, COALESCE(repo, N'') AS repo, COALESCE(workflow, N'') AS workflow, model,
           COALESCE(provider, N'') AS provider, SUM(CAST(input_tokens AS BIGINT)) AS i, SUM(CAST(output_tokens AS BIGINT)) AS o,
           SUM(CAST(cache_read_tokens AS BIGINT)) AS r, SUM(CAST(cache_write_5m_tokens AS BIGINT)) AS w5, SUM(CAST(cache_write_1h_tokens AS BIGINT)) AS w1
    FROM dbo.usage_events
    GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, N''), COALESCE(workflow, N''), model, COALESCE(provider, N'')
) AS t
ON d.hour_ms = t.h AND d.team = t.team AND d.repo = t.repo AND d.workflow = t.workflow AND d.model = t.model AND d.provider = t.provider;
