-- GitHub ChatOps: one row per /budget comment or "Request more budget" click, keyed by what makes it
-- unique (comment:<id>, action:<delivery>), so a redelivery or a retry does nothing twice. open_key
-- ({repo}#{pr}:{login}) is set while the row's request is pending: the unique index lets one user
-- hold at most one pending request per PR, however many comments arrive at once.
CREATE TABLE dbo.github_commands (
    command_key NVARCHAR(200) NOT NULL,
    repo NVARCHAR(200) NOT NULL,
    pr INT NOT NULL,
    login NVARCHAR(100) NOT NULL,
    source_url NVARCHAR(500) NULL,
    open_key NVARCHAR(400) NULL,
    request_id BIGINT NULL,
    created_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_github_commands PRIMARY KEY (command_key)
);
GO
CREATE UNIQUE INDEX ux_github_commands_open ON dbo.github_commands (open_key) WHERE open_key IS NOT NULL;
GO
CREATE INDEX ix_github_commands_request ON dbo.github_commands (request_id);
