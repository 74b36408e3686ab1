-- Core ledger: tokens, usage events with hourly rollups, grants, reservations, audit log.
-- Times are unix milliseconds (UTC); money is whole micro-dollars.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    revoked_at_ms INTEGER NULL
);

CREATE TABLE usage_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    event_id TEXT NOT NULL,
    occurred_at_ms INTEGER NOT NULL,
    received_at_ms INTEGER NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_tokens INTEGER NOT NULL,
    cache_write_5m_tokens INTEGER NOT NULL,
    cache_write_1h_tokens INTEGER NOT NULL,
    cost_micros INTEGER NOT NULL,
    reported_cost_micros INTEGER NULL,
    list_cost_micros INTEGER NULL,
    unpriced INTEGER NOT NULL,
    repo TEXT NULL,
    pr INTEGER NULL,
    branch TEXT NULL,
    sha TEXT NULL,
    run_id TEXT NULL,
    run_attempt INTEGER NULL,
    job_id TEXT NULL,
    workflow TEXT NULL,
    actor TEXT NULL,
    team TEXT NOT NULL,
    experiment TEXT NULL,
    CONSTRAINT ux_usage_events_source_id UNIQUE (source, event_id)
);
CREATE INDEX ix_usage_events_occurred ON usage_events (occurred_at_ms);
CREATE INDEX ix_usage_events_repo_pr ON usage_events (repo, pr);
CREATE INDEX ix_usage_events_repo_run ON usage_events (repo, run_id);
CREATE INDEX ix_usage_events_repo_sha ON usage_events (repo, sha);
CREATE INDEX ix_usage_events_repo_branch ON usage_events (repo, branch);
CREATE INDEX ix_usage_events_unpriced ON usage_events (unpriced, model);

CREATE TABLE spend_rollups (
    scope TEXT NOT NULL,
    hour_ms INTEGER NOT NULL,
    cost_micros INTEGER NOT NULL,
    events INTEGER NOT NULL,
    unpriced_events INTEGER NOT NULL,
    PRIMARY KEY (scope, hour_ms)
);

CREATE TABLE grants (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    budget_id TEXT NOT NULL,
    amount_micros INTEGER NOT NULL,
    period_start_ms INTEGER NULL,
    starts_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    request_id INTEGER NULL,
    created_by TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX ix_grants_budget ON grants (budget_id);
CREATE UNIQUE INDEX ux_grants_request ON grants (request_id) WHERE request_id IS NOT NULL;

CREATE TABLE reservations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reservation_id TEXT NOT NULL,
    budget_id TEXT NOT NULL,
    period_start_ms INTEGER NOT NULL,
    run_id TEXT NULL,
    amount_micros INTEGER NOT NULL,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    released_at_ms INTEGER NULL
);
CREATE INDEX ix_reservations_budget ON reservations (budget_id, period_start_ms, released_at_ms);
CREATE INDEX ix_reservations_run ON reservations (run_id, released_at_ms);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NULL
);

CREATE TABLE leases (
    name TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    expires_at_ms INTEGER NOT NULL
);
