-- Core ledger: tokens, usage events with hourly rollups, grants, reservations, audit log.
-- Times are unix milliseconds (UTC); money is whole micro-dollars.
CREATE TABLE dbo.api_tokens (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    name NVARCHAR(200) NOT NULL,
    token_hash VARCHAR(64) NOT NULL CONSTRAINT ux_api_tokens_hash UNIQUE,
    scopes NVARCHAR(200) NOT NULL,
    created_at_ms BIGINT NOT NULL,
    revoked_at_ms BIGINT NULL
);
GO
CREATE TABLE dbo.usage_events (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    source NVARCHAR(100) NOT NULL,
    event_id NVARCHAR(200) NOT NULL,
    occurred_at_ms BIGINT NOT NULL,
    received_at_ms BIGINT NOT NULL,
    model NVARCHAR(200) NOT NULL,
    provider NVARCHAR(100) NULL,
    input_tokens BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    cache_read_tokens BIGINT NOT NULL,
    cache_write_5m_tokens BIGINT NOT NULL,
    cache_write_1h_tokens BIGINT NOT NULL,
    cost_micros BIGINT NOT NULL,
    reported_cost_micros BIGINT NULL,
    list_cost_micros BIGINT NULL,
    unpriced INT NOT NULL,
    repo NVARCHAR(200) NULL,
    pr INT NULL,
    branch NVARCHAR(400) NULL,
    sha VARCHAR(64) NULL,
    run_id NVARCHAR(100) NULL,
    run_attempt INT NULL,
    job_id NVARCHAR(100) NULL,
    workflow NVARCHAR(200) NULL,
    actor NVARCHAR(200) NULL,
    team NVARCHAR(100) NOT NULL,
    experiment NVARCHAR(200) NULL,
    CONSTRAINT ux_usage_events_source_id UNIQUE (source, event_id)
);
GO
CREATE INDEX ix_usage_events_occurred ON dbo.usage_events (occurred_at_ms);
CREATE INDEX ix_usage_events_repo_pr ON dbo.usage_events (repo, pr);
CREATE INDEX ix_usage_events_repo_run ON dbo.usage_events (repo, run_id);
CREATE INDEX ix_usage_events_repo_sha ON dbo.usage_events (repo, sha);
CREATE INDEX ix_usage_events_repo_branch ON dbo.usage_events (repo, branch);
CREATE INDEX ix_usage_events_unpriced ON dbo.usage_events (unpriced, model);
GO
CREATE TABLE dbo.spend_rollups (
    scope NVARCHAR(300) NOT NULL,
    hour_ms BIGINT NOT NULL,
    cost_micros BIGINT NOT NULL,
    events BIGINT NOT NULL,
    unpriced_events BIGINT NOT NULL,
    CONSTRAINT pk_spend_rollups PRIMARY KEY (scope, hour_ms)
);
GO
CREATE TABLE dbo.grants (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    budget_id NVARCHAR(200) NOT NULL,
    amount_micros BIGINT NOT NULL,
    period_start_ms BIGINT NULL,
    starts_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NULL,
    kind NVARCHAR(50) NOT NULL,
    reason NVARCHAR(2000) NOT NULL,
    request_id BIGINT NULL,
    created_by NVARCHAR(200) NOT NULL,
    created_at_ms BIGINT NOT NULL
);
GO
CREATE INDEX ix_grants_budget ON dbo.grants (budget_id);
CREATE UNIQUE INDEX ux_grants_request ON dbo.grants (request_id) WHERE request_id IS NOT NULL;
GO
CREATE TABLE dbo.reservations (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    reservation_id VARCHAR(64) NOT NULL,
    budget_id NVARCHAR(200) NOT NULL,
    period_start_ms BIGINT NOT NULL,
    run_id NVARCHAR(100) NULL,
    amount_micros BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    released_at_ms BIGINT NULL
);
GO
CREATE INDEX ix_reservations_budget ON dbo.reservations (budget_id, period_start_ms, released_at_ms);
CREATE INDEX ix_reservations_run ON dbo.reservations (run_id, released_at_ms);
GO
CREATE TABLE dbo.audit_log (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor NVARCHAR(200) NOT NULL,
    action NVARCHAR(100) NOT NULL,
    subject NVARCHAR(400) NOT NULL,
    detail NVARCHAR(MAX) NULL
);
GO
CREATE TABLE dbo.leases (
    name NVARCHAR(200) NOT NULL PRIMARY KEY,
    owner NVARCHAR(200) NOT NULL,
    expires_at_ms BIGINT NOT NULL
);
