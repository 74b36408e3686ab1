-- Provider reconciliation: per provider, UTC day and account (Anthropic workspace, OpenAI project),
-- what agents reported against what the provider billed. The remainder itself is a usage event
-- (source reconcile:<provider>); this table keeps the figures for the reconciliation report.
CREATE TABLE provider_reconciliations (
    provider TEXT NOT NULL,
    day_ms INTEGER NOT NULL,
    account TEXT NOT NULL,
    team TEXT NOT NULL,
    reported_micros INTEGER NOT NULL,
    billed_micros INTEGER NOT NULL,
    remainder_micros INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    list_micros INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (provider, day_ms, account)
);
CREATE INDEX ix_provider_reconciliations_day ON provider_reconciliations (day_ms);
