-- GitHub inbox and correlation index (DESIGN §2, §8). Every signed webhook delivery is a row before it
-- is answered; the worker turns deliveries into installations, repositories, PRs, head SHAs and runs.
-- Integer columns are BIGINT (flags too) so rows read into the same records as on SQLite.
CREATE TABLE dbo.github_inbox (
    id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
    delivery_id NVARCHAR(100) NOT NULL,
    event NVARCHAR(100) NOT NULL,
    action NVARCHAR(100) NULL,
    hook_target_id NVARCHAR(100) NULL,
    body NVARCHAR(MAX) NOT NULL,
    received_at_ms BIGINT NOT NULL,
    state NVARCHAR(20) NOT NULL,
    attempts BIGINT NOT NULL CONSTRAINT df_github_inbox_attempts DEFAULT 0,
    due_at_ms BIGINT NOT NULL,
    last_error NVARCHAR(2000) NULL,
    processed_at_ms BIGINT NULL,
    lease_owner NVARCHAR(200) NULL,
    lease_until_ms BIGINT NULL,
    CONSTRAINT ux_github_inbox_delivery UNIQUE (delivery_id)
);
GO
CREATE INDEX ix_github_inbox_due ON dbo.github_inbox (state, due_at_ms);
GO
CREATE TABLE dbo.github_installations (
    installation_id BIGINT NOT NULL PRIMARY KEY,
    account NVARCHAR(200) NULL,
    state NVARCHAR(20) NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
GO
CREATE TABLE dbo.github_repositories (
    repo NVARCHAR(200) NOT NULL PRIMARY KEY,
    installation_id BIGINT NOT NULL,
    active BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);
GO
CREATE INDEX ix_github_repositories_installation ON dbo.github_repositories (installation_id);
GO
CREATE TABLE dbo.pull_requests (
    repo NVARCHAR(200) NOT NULL,
    number BIGINT NOT NULL,
    installation_id BIGINT NULL,
    head_sha NVARCHAR(64) NOT NULL,
    head_ref NVARCHAR(300) NOT NULL,
    head_repo NVARCHAR(200) NULL,
    base_ref NVARCHAR(300) NOT NULL,
    state NVARCHAR(20) NOT NULL,
    merged BIGINT NOT NULL,
    merged_at_ms BIGINT NULL,
    title NVARCHAR(1000) NULL,
    author NVARCHAR(200) NULL,
    updated_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_pull_requests PRIMARY KEY (repo, number)
);
GO
CREATE INDEX ix_pull_requests_head_ref ON dbo.pull_requests (repo, head_ref, state);
CREATE INDEX ix_pull_requests_head_repo ON dbo.pull_requests (repo, head_repo, head_ref);
GO
CREATE TABLE dbo.pr_head_shas (
    repo NVARCHAR(200) NOT NULL,
    sha NVARCHAR(64) NOT NULL,
    number BIGINT NOT NULL,
    seen_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_pr_head_shas PRIMARY KEY (repo, sha, number)
);
GO
CREATE INDEX ix_pr_head_shas_number ON dbo.pr_head_shas (repo, number);
GO
CREATE TABLE dbo.workflow_runs (
    repo NVARCHAR(200) NOT NULL,
    run_id NVARCHAR(100) NOT NULL,
    run_attempt BIGINT NOT NULL,
    workflow NVARCHAR(300) NULL,
    event NVARCHAR(100) NULL,
    head_sha NVARCHAR(64) NOT NULL,
    head_branch NVARCHAR(300) NULL,
    head_repo NVARCHAR(200) NULL,
    status NVARCHAR(50) NOT NULL,
    conclusion NVARCHAR(50) NULL,
    started_at_ms BIGINT NULL,
    completed_at_ms BIGINT NULL,
    duration_ms BIGINT NULL,
    updated_at_ms BIGINT NOT NULL,
    CONSTRAINT pk_workflow_runs PRIMARY KEY (repo, run_id)
);
GO
CREATE INDEX ix_workflow_runs_head_sha ON dbo.workflow_runs (repo, head_sha);
CREATE INDEX ix_workflow_runs_head ON dbo.workflow_runs (repo, head_repo, head_branch);
GO
CREATE TABLE dbo.workflow_run_prs (
    repo NVARCHAR(200) NOT NULL,
    run_id NVARCHAR(100) NOT NULL,
    number BIGINT NOT NULL,
    CONSTRAINT pk_workflow_run_prs PRIMARY KEY (repo, run_id, number)
);
GO
CREATE INDEX ix_workflow_run_prs_number ON dbo.workflow_run_prs (repo, number);
GO
CREATE TABLE dbo.workflow_jobs (
    repo NVARCHAR(200) NOT NULL,
    job_id NVARCHAR(100) NOT NULL,
    run_id NVARCHAR(100) NOT NULL,
    run_attempt BIGINT NOT NULL,
    name NVARCHAR(300) NULL,
    status NVARCHAR(50) NOT NULL,
    conclusion NVARCHAR(50) NULL,
    started_at_ms BIGINT NULL,
    completed_at_ms BIGINT NULL,
    CONSTRAINT pk_workflow_jobs PRIMARY KEY (repo, job_id)
);
GO
CREATE INDEX ix_workflow_jobs_run ON dbo.workflow_jobs (repo, run_id);
