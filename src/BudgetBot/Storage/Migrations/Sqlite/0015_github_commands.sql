-- GitHub ChatOps: one row per /budget comment or "Request more budget" click, keyed by what makes it
-- unique (comment:<id>, action:<delivery>), so a redelivery or a retry does nothing twice. open_key
-- ({repo}#{pr}:{login}) is set while the row's request is pending: the unique index lets one user
-- hold at most one pending request per PR, however many comments arrive at once.
CREATE TABLE github_commands (
    command_key TEXT NOT NULL PRIMARY KEY,
    repo TEXT NOT NULL,
    pr INTEGER NOT NULL,
    login TEXT NOT NULL,
    source_url TEXT NULL,
    open_key TEXT NULL,
    request_id INTEGER NULL,
    created_at_ms INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_github_commands_open ON github_commands (open_key) WHERE open_key IS NOT NULL;
CREATE INDEX ix_github_commands_request ON github_commands (request_id);
