-- Scheduler and alerts. Each row is claimed insert-first: the primary key is the idempotency key,
-- so an occurrence runs once and an alert is sent once, across instances and restarts.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    occurrence_ms INTEGER NOT NULL,
    owner TEXT NOT NULL,
    started_at_ms INTEGER NOT NULL,
    finished_at_ms INTEGER NULL,
    error TEXT NULL,
    PRIMARY KEY (job, occurrence_ms)
);

CREATE TABLE alerts_sent (
    budget_id TEXT NOT NULL,
    period_start_ms INTEGER NOT NULL,
    threshold INTEGER NOT NULL,
    channel TEXT NULL,
    sent_at_ms INTEGER NOT NULL,
    PRIMARY KEY (budget_id, period_start_ms, threshold)
);

CREATE TABLE runaway_alerts (
    subject TEXT NOT NULL,
    window_start_ms INTEGER NOT NULL,
    spent_micros INTEGER NOT NULL,
    channel TEXT NULL,
    sent_at_ms INTEGER NOT NULL,
    PRIMARY KEY (subject, window_start_ms)
);
