-- Scheduler and alerts. Each row is claimed insert-first: the primary key is the idempotency key,
-- so an occurrence runs once and an alert is sent once, across instances and restarts.
CREATE TABLE dbo.job_runs (
    job NVARCHAR(100) NOT NULL,
    occurrence_ms BIGINT NOT NULL,
    owner NVARCHAR(200) NOT NULL,
    started_at_ms BIGINT NOT NULL,
    finished_at_ms BIGINT NULL,
    error NVARCHAR(2000) NULL,
    CONSTRAINT pk_job_runs PRIMARY KEY (job, occurrence_ms)
);
GO
CREATE TABLE dbo.alerts_sent (
    budget_id NVARCHAR(200) NOT NULL,
    period_start_ms BIGINT NOT NULL,
    threshold INT NOT NULL,
    channel NVARCHAR(100) NULL,
    sent_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_alerts_sent PRIMARY KEY (budget_id, period_start_ms, threshold)
);
GO
CREATE TABLE dbo.runaway_alerts (
    subject NVARCHAR(400) NOT NULL,
    window_start_ms BIGINT NOT NULL,
    spent_micros BIGINT NOT NULL,
    channel NVARCHAR(100) NULL,
    sent_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_runaway_alerts PRIMARY KEY (subject, window_start_ms)
);
