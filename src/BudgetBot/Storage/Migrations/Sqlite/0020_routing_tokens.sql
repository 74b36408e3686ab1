-- Routing advice prices a workflow's token counts on another model, so the per-hour dashboard rollup
-- (workflow x model x provider) carries the tokens by billing class next to their cost. Backfilled
-- once from the events already stored; ingestion keeps them current from here on.
ALTER TABLE dashboard_spend ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_spend ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_spend ADD COLUMN cache_read_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_spend ADD COLUMN cache_write_5m_tokens INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dashboard_spend ADD COLUMN cache_write_1h_tokens INTEGER NOT NULL DEFAULT 0;

UPDATE dashboard_spend
SET input_tokens = t.i, output_tokens = t.o, cache_read_tokens = t.r, cache_write_5m_tokens = t.w5, cache_write_1h_tokens = t.w1
FROM (
    SELECT occurred_at_ms - (occurred_at_ms % 3600000) AS h, team, COALESCE(repo, '') AS repo, COALESCE(workflow, '') AS workflow, model,
           COALESCE(provider, '') AS provider, SUM(input_tokens) AS i, SUM(output_tokens) AS o, SUM(cache_read_tokens) AS r,
           SUM(cache_write_5m_tokens) AS w5, SUM(cache_write_1h_tokens) AS w1
    FROM usage_events
    GROUP BY occurred_at_ms - (occurred_at_ms % 3600000), team, COALESCE(repo, ''), COALESCE(workflow, ''), model, COALESCE(provider, '')
) AS t
WHERE dashboard_spend.hour_ms = t.h AND dashboard_spend.team = t.team AND dashboard_spend.repo = t.repo
  AND dashboard_spend.workflow = t.workflow AND dashboard_spend.model = t.model AND dashboard_spend.provider = t.provider;
