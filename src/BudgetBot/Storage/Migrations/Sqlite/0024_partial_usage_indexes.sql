-- Four of usage_events' secondary indexes serve lookups that only ever ask for some rows, yet every
-- stored event was written into all four: a third of storing a batch, and SQLite has one writer
-- (docs/BENCHMARKS.md). Each now holds only the rows its readers can ask for:
-- - run ids: the runaway check and late binding ask for a run (run_id = ..., run_id IN ...), so
--   events outside a workflow run are left out;
-- - head SHAs and branches: only late binding reads them, and only for events with no PR yet
--   (pr IS NULL); an event leaves them when it is bound;
-- - unpriced events: the repricer and the unpriced-model alert ask for unpriced = 1 only.
-- Every reader names the index's condition or implies it, so the plans are unchanged
-- (Storage/PartialIndexTests).
DROP INDEX ix_usage_events_repo_run;
CREATE INDEX ix_usage_events_repo_run ON usage_events (repo, run_id) WHERE run_id IS NOT NULL;
DROP INDEX ix_usage_events_repo_sha;
CREATE INDEX ix_usage_events_repo_sha ON usage_events (repo, sha) WHERE pr IS NULL;
DROP INDEX ix_usage_events_repo_branch;
CREATE INDEX ix_usage_events_repo_branch ON usage_events (repo, branch) WHERE pr IS NULL;
DROP INDEX ix_usage_events_unpriced;
CREATE INDEX ix_usage_events_unpriced ON usage_events (unpriced, model) WHERE unpriced = 1;
