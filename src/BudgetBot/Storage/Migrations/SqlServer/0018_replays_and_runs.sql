-- Slack replays: one row per signed request Slack's 5-minute window still accepts, keyed by its
-- signature (HMAC of timestamp and body, so a byte-identical replay has the same key). The first
-- answer is kept and given to every replay. Rows older than 10 minutes are pruned.
CREATE TABLE dbo.slack_replays (
    signature VARCHAR(80) NOT NULL PRIMARY KEY,
    received_at_ms BIGINT NOT NULL,
    status INT NULL,
    content_type NVARCHAR(100) NULL,
    body NVARCHAR(MAX) NULL
);
GO
CREATE INDEX ix_slack_replays_received ON dbo.slack_replays (received_at_ms);
GO
-- Pre-flight idempotency: one answer per run id while its reservation is held, so a resent
-- pre-flight gets the same reservation instead of holding the money twice.
CREATE TABLE dbo.preflight_runs (
    run_id NVARCHAR(100) NOT NULL PRIMARY KEY,
    reservation_id VARCHAR(64) NULL,
    answer NVARCHAR(MAX) NULL,
    created_at_ms BIGINT NOT NULL,
    expires_at_ms BIGINT NOT NULL
);
