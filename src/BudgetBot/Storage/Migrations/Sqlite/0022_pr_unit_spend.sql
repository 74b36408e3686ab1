-- The PR comment's rows (issue 12): unit_spend without its provider and hour, one row per repo, PR,
-- workflow run, workflow, model, team and experiment, written beside unit_spend in the ingestion
-- transaction (Dashboard/UnitSpend) for events that name a PR. A PR's comment reads its rows as
-- stored: grouping a PR's unit_spend rows in SQL cost more than the rest of the comment together.
-- A key whose events all moved away (repricing) keeps a zero row, which readers skip. WITHOUT ROWID:
-- the key is the table's order, so a PR's rows are one range. Backfilled once from unit_spend.
CREATE TABLE pr_unit_spend (
    repo TEXT NOT NULL,
    pr INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    workflow TEXT NOT NULL,
    model TEXT NOT NULL,
    team TEXT NOT NULL,
    experiment TEXT NOT NULL,
    events INTEGER NOT NULL,
    unpriced_events INTEGER NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_tokens INTEGER NOT NULL,
    cache_write_5m_tokens INTEGER NOT NULL,
    cache_write_1h_tokens INTEGER NOT NULL,
    cost_micros INTEGER NOT NULL,
    first_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, pr, run_id, workflow, model, team, experiment)
) WITHOUT ROWID;

-- Backfill
INSERT INTO pr_unit_spend (repo, pr, run_id, workflow, model, team, experiment, events, unpriced_events, input_tokens, output_tokens,
                           cache_read_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cost_micros, first_ms)
SELECT repo, pr, run_id, workflow, model, team, experiment, SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens),
       SUM(cache_read_tokens), SUM(cache_write_5m_tokens), SUM(cache_write_1h_tokens), SUM(cost_micros), MIN(first_ms)
FROM unit_spend
WHERE pr <> 0
GROUP BY repo, pr, run_id, workflow, model, team, experiment;
