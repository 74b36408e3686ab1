-- GitHub inbox and correlation index (DESIGN §2, §8). Every signed webhook delivery is a row before it
-- is answered; the worker turns deliveries into installations, repositories, PRs, head SHAs and runs.
CREATE TABLE github_inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id TEXT NOT NULL,
    event TEXT NOT NULL,
    action TEXT NULL,
    hook_target_id TEXT NULL,
    body TEXT NOT NULL,
    received_at_ms INTEGER NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at_ms INTEGER NOT NULL,
    last_error TEXT NULL,
    processed_at_ms INTEGER NULL,
    lease_owner TEXT NULL,
    lease_until_ms INTEGER NULL,
    CONSTRAINT ux_github_inbox_delivery UNIQUE (delivery_id)
);
CREATE INDEX ix_github_inbox_due ON github_inbox (state, due_at_ms);

CREATE TABLE github_installations (
    installation_id INTEGER NOT NULL PRIMARY KEY,
    account TEXT NULL,
    state TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL
);

CREATE TABLE github_repositories (
    repo TEXT NOT NULL PRIMARY KEY,
    installation_id INTEGER NOT NULL,
    active INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE INDEX ix_github_repositories_installation ON github_repositories (installation_id);

CREATE TABLE pull_requests (
    repo TEXT NOT NULL,
    number INTEGER NOT NULL,
    installation_id INTEGER NULL,
    head_sha TEXT NOT NULL,
    head_ref TEXT NOT NULL,
    head_repo TEXT NULL,
    base_ref TEXT NOT NULL,
    state TEXT NOT NULL,
    merged INTEGER NOT NULL,
    merged_at_ms INTEGER NULL,
    title TEXT NULL,
    author TEXT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, number)
);
CREATE INDEX ix_pull_requests_head_ref ON pull_requests (repo, head_ref, state);
CREATE INDEX ix_pull_requests_head_repo ON pull_requests (repo, head_repo, head_ref);

CREATE TABLE pr_head_shas (
    repo TEXT NOT NULL,
    sha TEXT NOT NULL,
    number INTEGER NOT NULL,
    seen_at_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, sha, number)
);
CREATE INDEX ix_pr_head_shas_number ON pr_head_shas (repo, number);

CREATE TABLE workflow_runs (
    repo TEXT NOT NULL,
    run_id TEXT NOT NULL,
    run_attempt INTEGER NOT NULL,
    workflow TEXT NULL,
    event TEXT NULL,
    head_sha TEXT NOT NULL,
    head_branch TEXT NULL,
    head_repo TEXT NULL,
    status TEXT NOT NULL,
    conclusion TEXT NULL,
    started_at_ms INTEGER NULL,
    completed_at_ms INTEGER NULL,
    duration_ms INTEGER NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, run_id)
);
CREATE INDEX ix_workflow_runs_head_sha ON workflow_runs (repo, head_sha);
CREATE INDEX ix_workflow_runs_head ON workflow_runs (repo, head_repo, head_branch);

CREATE TABLE workflow_run_prs (
    repo TEXT NOT NULL,
    run_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    PRIMARY KEY (repo, run_id, number)
);
CREATE INDEX ix_workflow_run_prs_number ON workflow_run_prs (repo, number);

CREATE TABLE workflow_jobs (
    repo TEXT NOT NULL,
    job_id TEXT NOT NULL,
    run_id TEXT NOT NULL,
    run_attempt INTEGER NOT NULL,
    name TEXT NULL,
    status TEXT NOT NULL,
    conclusion TEXT NULL,
    started_at_ms INTEGER NULL,
    completed_at_ms INTEGER NULL,
    PRIMARY KEY (repo, job_id)
);
CREATE INDEX ix_workflow_jobs_run ON workflow_jobs (repo, run_id);
