-- Provider reconciliation: per provider, UTC day and account (Anthropic workspace, OpenAI project),
-- what agents reported against what the provider billed. The remainder itself is a usage event
-- (source reconcile:<provider>); this table keeps the figures for the reconciliation report.
CREATE TABLE dbo.provider_reconciliations (
    provider NVARCHAR(50) NOT NULL,
    day_ms BIGINT NOT NULL,
    account NVARCHAR(200) NOT NULL,
    team NVARCHAR(100) NOT NULL,
    reported_micros BIGINT NOT NULL,
    billed_micros BIGINT NOT NULL,
    remainder_micros BIGINT NOT NULL,
    tokens BIGINT NOT NULL,
    list_micros BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_provider_reconciliations PRIMARY KEY (provider, day_ms, account)
);
GO
CREATE INDEX ix_provider_reconciliations_day ON dbo.provider_reconciliations (day_ms);
