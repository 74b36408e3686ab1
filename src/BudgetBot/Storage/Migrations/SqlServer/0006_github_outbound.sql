-- GitHub outbound: what we last wrote to each PR (sticky comment) and each head SHA (check run),
-- so a refresh can edit in place, skip an unchanged body and respect the debounce.
CREATE TABLE dbo.github_pr_comments (
    repo NVARCHAR(200) NOT NULL,
    pr INT NOT NULL,
    comment_id BIGINT NULL,
    comment_node_id NVARCHAR(200) NULL,
    body_hash NVARCHAR(100) NULL,
    posted_total_micros BIGINT NULL,
    posted_state NVARCHAR(2000) NULL,
    last_write_ms BIGINT NULL,
    CONSTRAINT pk_github_pr_comments PRIMARY KEY (repo, pr)
);
GO
CREATE TABLE dbo.github_check_runs (
    repo NVARCHAR(200) NOT NULL,
    head_sha NVARCHAR(64) NOT NULL,
    pr INT NOT NULL,
    check_run_id BIGINT NOT NULL,
    decision_hash NVARCHAR(100) NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_github_check_runs PRIMARY KEY (repo, head_sha)
);
