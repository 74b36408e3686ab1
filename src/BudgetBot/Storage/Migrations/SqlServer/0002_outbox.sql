-- Outbox: every outgoing GitHub or Slack call is a row before it is sent.
CREATE TABLE dbo.outbox_messages (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    channel NVARCHAR(50) NOT NULL,
    kind NVARCHAR(100) NOT NULL,
    target NVARCHAR(400) NOT NULL,
    payload NVARCHAR(MAX) NOT NULL,
    state NVARCHAR(20) NOT NULL,
    created_at_ms BIGINT NOT NULL,
    due_at_ms BIGINT NOT NULL,
    attempts INT NOT NULL CONSTRAINT df_outbox_attempts DEFAULT 0,
    last_error NVARCHAR(2000) NULL,
    sent_at_ms BIGINT NULL,
    lease_owner NVARCHAR(200) NULL,
    lease_until_ms BIGINT NULL
);
GO
CREATE INDEX ix_outbox_due ON dbo.outbox_messages (state, due_at_ms);
CREATE INDEX ix_outbox_target ON dbo.outbox_messages (target, state);
