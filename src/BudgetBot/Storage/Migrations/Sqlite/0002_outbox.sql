-- Outbox: every outgoing GitHub or Slack call is a row before it is sent.
CREATE TABLE outbox_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    due_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NULL,
    sent_at_ms INTEGER NULL,
    lease_owner TEXT NULL,
    lease_until_ms INTEGER NULL
);
CREATE INDEX ix_outbox_due ON outbox_messages (state, due_at_ms);
CREATE INDEX ix_outbox_target ON outbox_messages (target, state);
