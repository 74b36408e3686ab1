-- Slack: budget requests decided once, experiment allowances, and Events API de-duplication.
CREATE TABLE slack_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    budget_id TEXT NOT NULL,
    amount_micros INTEGER NOT NULL,
    reason TEXT NOT NULL,
    requester TEXT NOT NULL,
    channel TEXT NOT NULL,
    experiment_days INTEGER NULL,
    state TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    decided_by TEXT NULL,
    decided_at_ms INTEGER NULL,
    decision_note TEXT NULL,
    card_ts TEXT NULL
);
CREATE INDEX ix_slack_requests_state ON slack_requests (state, expires_at_ms);

CREATE TABLE experiments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    amount_micros INTEGER NOT NULL,
    starts_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    request_id INTEGER NULL,
    CONSTRAINT ux_experiments_name UNIQUE (name)
);
CREATE INDEX ix_experiments_expiry ON experiments (expires_at_ms);

CREATE TABLE slack_events (
    event_id TEXT NOT NULL PRIMARY KEY,
    received_at_ms INTEGER NOT NULL
);
