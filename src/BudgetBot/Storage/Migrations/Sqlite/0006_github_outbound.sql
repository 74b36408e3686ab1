-- GitHub outbound: what we last wrote to each PR (sticky comment) and each head SHA (check run),
-- so a refresh can edit in place, skip an unchanged body and respect the debounce.
CREATE TABLE github_pr_comments (
    repo TEXT NOT NULL,
    pr INTEGER NOT NULL,
    comment_id INTEGER NULL,
    comment_node_id TEXT NULL,
    body_hash TEXT NULL,
    posted_total_micros INTEGER NULL,
    posted_state TEXT NULL,
    last_write_ms INTEGER NULL,
    PRIMARY KEY (repo, pr)
);

CREATE TABLE github_check_runs (
    repo TEXT NOT NULL,
    head_sha TEXT NOT NULL,
    pr INTEGER NOT NULL,
    check_run_id INTEGER NOT NULL,
    decision_hash TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL,
    PRIMARY KEY (repo, head_sha)
);
