-- The PR comment's rows (issue 12): unit_spend without its provider and hour, one row per repo, PR,
-- workflow run, workflow, model, team and experiment, written beside unit_spend in the ingestion
-- transaction (Dashboard/UnitSpend) for events that name a PR. A PR's comment reads its rows as
-- stored instead of grouping its unit_spend rows. A key whose events all moved away (repricing)
-- keeps a zero row, which readers skip. As for unit_spend, the seven-column key is wider than an
-- index key may be, so rows are clustered by (repo, pr) and the upsert holds that range's lock.
-- Backfilled once from unit_spend.
CREATE TABLE dbo.pr_unit_spend (
    repo NVARCHAR(200) NOT NULL,
    pr INT NOT NULL,
    run_id NVARCHAR(100) NOT NULL,
    workflow NVARCHAR(200) NOT NULL,
    model NVARCHAR(200) NOT NULL,
    team NVARCHAR(100) NOT NULL,
    experiment NVARCHAR(200) NOT NULL,
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
CREATE CLUSTERED INDEX cx_pr_unit_spend_pr ON dbo.pr_unit_spend (repo, pr);
GO
INSERT INTO dbo.pr_unit_spend (repo, pr, run_id, workflow, model, team, experiment, events, unpriced_events, input_tokens, output_tokens,
                               cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms)
SELECT repo, pr, run_id, workflow, model, team, experiment, SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens),
       SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(cost_micros), MIN(first_ms)
FROM dbo.unit_spend
WHERE pr <> 0
GROUP BY repo, pr, run_id, workflow, model, team, experiment;
