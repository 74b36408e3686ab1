-- Slack: budget requests decided once, experiment allowances, and Events API de-duplication.
CREATE TABLE dbo.slack_requests (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    kind NVARCHAR(20) NOT NULL,
    budget_id NVARCHAR(200) NOT NULL,
    amount_micros BIGINT NOT NULL,
    reason NVARCHAR(2000) NOT NULL,
    requester NVARCHAR(50) NOT NULL,
    channel NVARCHAR(50) NOT NULL,
    experiment_days BIGINT NULL,
    state NVARCHAR(20) NOT NULL,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    decided_by NVARCHAR(50) NULL,
    decided_at_ms BIGINT NULL,
    decision_note NVARCHAR(2000) NULL,
    card_ts NVARCHAR(50) NULL
);
GO
CREATE INDEX ix_slack_requests_state ON dbo.slack_requests (state, expires_at_ms);
GO
CREATE TABLE dbo.experiments (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    name NVARCHAR(100) NOT NULL CONSTRAINT ux_experiments_name UNIQUE,
    amount_micros BIGINT NOT NULL,
    starts_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    reason NVARCHAR(2000) NOT NULL,
    created_by NVARCHAR(50) NOT NULL,
    request_id BIGINT NULL
);
GO
CREATE INDEX ix_experiments_expiry ON dbo.experiments (expires_at_ms);
GO
CREATE TABLE dbo.slack_events (
    event_id NVARCHAR(200) NOT NULL PRIMARY KEY,
    received_at_ms BIGINT NOT NULL
);
