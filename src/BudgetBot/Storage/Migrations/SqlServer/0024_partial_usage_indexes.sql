-- Four of usage_events' secondary indexes serve lookups that only ever ask for some rows, yet every
-- stored event was written into all four (see the SQLite migration of the same number). Each is now
-- a filtered index holding only the rows its readers ask for: run ids (run_id = @RunId, run_id IN
-- ...), head SHAs and branches of events with no PR yet (late binding names pr IS NULL), unpriced
-- events (unpriced = 1). SqlClient's default session options (ANSI_NULLS, QUOTED_IDENTIFIER and
-- ANSI_WARNINGS on) are the ones writes to a table with filtered indexes require.
DROP INDEX ix_usage_events_repo_run ON dbo.usage_events;
CREATE INDEX ix_usage_events_repo_run ON dbo.usage_events (repo, run_id) WHERE run_id IS NOT NULL;
DROP INDEX ix_usage_events_repo_sha ON dbo.usage_events;
CREATE INDEX ix_usage_events_repo_sha ON dbo.usage_events (repo, sha) WHERE pr IS NULL;
DROP INDEX ix_usage_events_repo_branch ON dbo.usage_events;
CREATE INDEX ix_usage_events_repo_branch ON dbo.usage_events (repo, branch) WHERE pr IS NULL;
DROP INDEX ix_usage_events_unpriced ON dbo.usage_events;
CREATE INDEX ix_usage_events_unpriced ON dbo.usage_events (unpriced, model) WHERE unpriced = 1;
