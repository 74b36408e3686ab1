-- The anomaly checks read, for each workflow a stored batch touched, the runs of that workflow in the
-- baseline window: an index on (repo, workflow, last_ms) makes that read O(the workflow's runs in the
-- window) instead of a range over every run of every workflow (ix_run_costs_last).
CREATE INDEX ix_run_costs_workflow ON run_costs (repo, workflow, last_ms);
-- The daily check reads one workflow's hours of the baseline window from dashboard_spend, whose key
-- starts with the hour: without this index each check ranged over every team, repository, workflow,
-- model and provider of those days. Only new rows write it: the upserts change cost columns only.
CREATE INDEX ix_dashboard_spend_workflow ON dashboard_spend (repo, workflow, hour_ms);
