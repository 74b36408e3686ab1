-- Slack replays: one row per signed request Slack's 5-minute window still accepts, keyed by its
-- signature (HMAC of timestamp and body, so a byte-identical replay has the same key). The first
-- answer is kept and given to every replay. Rows older than 10 minutes are pruned.
CREATE TABLE slack_replays (
    signature TEXT NOT NULL PRIMARY KEY,
    received_at_ms INTEGER NOT NULL,
    status INTEGER NULL,
    content_type TEXT NULL,
    body TEXT NULL
);
CREATE INDEX ix_slack_replays_received ON slack_replays (received_at_ms);

-- Pre-flight idempotency: one answer per run id while its reservation is held, so a resent
-- pre-flight gets the same reservation instead of holding the money twice.
CREATE TABLE preflight_runs (
    run_id TEXT NOT NULL PRIMARY KEY,
    reservation_id TEXT NULL,
    answer TEXT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL
);
