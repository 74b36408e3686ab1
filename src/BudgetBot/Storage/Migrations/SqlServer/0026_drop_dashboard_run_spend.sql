-- The per-run dashboard rollup has had no reader since 0020: units of work (the units page, /api/units)
-- read run_costs through UnitsStore, and the spend cube counts runs from unit_spend. Ingestion stops
-- paying an upsert per run in each batch for it.
DROP INDEX ix_dashboard_run_spend_first ON dbo.dashboard_run_spend;
DROP TABLE dbo.dashboard_run_spend;
