using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.GitHub;

// What we last wrote to a PR's sticky comment and to each head SHA's check run. Rows are written
// only by the outbox sender, which the outbox serialises per target, so a plain upsert suffices.
internal sealed class GitHubWriteState(Database db)
{
    internal static readonly SqlStatement GetComment = new(
        "GitHub.Comment.Get",
        "SELECT comment_id AS CommentId, comment_node_id AS NodeId, body_hash AS BodyHash, posted_total_micros AS PostedTotalMicros, " +
        "posted_state AS PostedState, last_write_ms AS LastWriteMs FROM github_pr_comments WHERE repo = @Repo AND pr = @Pr;");

    internal static readonly SqlStatement SaveComment = new(
        "GitHub.Comment.Save",
        "INSERT INTO github_pr_comments (repo, pr, comment_id, comment_node_id, body_hash, posted_total_micros, posted_state, last_write_ms) " +
        "VALUES (@Repo, @Pr, @CommentId, @NodeId, @BodyHash, @PostedTotalMicros, @PostedState, @LastWriteMs) ON CONFLICT (repo, pr) DO UPDATE SET " +
        "comment_id = excluded.comment_id, comment_node_id = excluded.comment_node_id, body_hash = excluded.body_hash, " +
        "posted_total_micros = excluded.posted_total_micros, posted_state = excluded.posted_state, last_write_ms = excluded.last_write_ms;",
        "UPDATE github_pr_comments WITH (UPDLOCK, HOLDLOCK) SET comment_id = @CommentId, comment_node_id = @NodeId, body_hash = @BodyHash, " +
        "posted_total_micros = @PostedTotalMicros, posted_state = @PostedState, last_write_ms = @LastWriteMs WHERE repo = @Repo AND pr = @Pr; " +
        "IF @@ROWCOUNT = 0 INSERT INTO github_pr_comments (repo, pr, comment_id, comment_node_id, body_hash, posted_total_micros, posted_state, last_write_ms) " +
        "VALUES (@Repo, @Pr, @CommentId, @NodeId, @BodyHash, @PostedTotalMicros, @PostedState, @LastWriteMs);");

    internal static readonly SqlStatement GetCheck = new(
        "GitHub.Check.Get",
        "SELECT check_run_id AS CheckRunId, decision_hash AS DecisionHash FROM github_check_runs WHERE repo = @Repo AND head_sha = @Sha;");

    internal static readonly SqlStatement SaveCheck = new(
        "GitHub.Check.Save",
        "INSERT INTO github_check_runs (repo, head_sha, pr, check_run_id, decision_hash, updated_at_ms) " +
        "VALUES (@Repo, @Sha, @Pr, @CheckRunId, @DecisionHash, @Now) ON CONFLICT (repo, head_sha) DO UPDATE SET " +
        "pr = excluded.pr, check_run_id = excluded.check_run_id, decision_hash = excluded.decision_hash, updated_at_ms = excluded.updated_at_ms;",
        "UPDATE github_check_runs WITH (UPDLOCK, HOLDLOCK) SET pr = @Pr, check_run_id = @CheckRunId, decision_hash = @DecisionHash, " +
        "updated_at_ms = @Now WHERE repo = @Repo AND head_sha = @Sha; " +
        "IF @@ROWCOUNT = 0 INSERT INTO github_check_runs (repo, head_sha, pr, check_run_id, decision_hash, updated_at_ms) " +
        "VALUES (@Repo, @Sha, @Pr, @CheckRunId, @DecisionHash, @Now);");

    // When each PR's comment was last written, for the refreshes of a batch: one prepared query, inside
    // the caller's transaction (on SQLite a second connection would wait for the writer lock it holds).
    internal static readonly SqlStatement LastCommentWrite = new(
        "GitHub.Comment.LastWrite", "SELECT last_write_ms FROM github_pr_comments WHERE repo = @Repo AND pr = @Pr;");

    public PreparedCommand LastCommentWrites(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx) =>
        PreparedCommand.Create(db, c, tx, LastCommentWrite, ("Repo", System.Data.DbType.String), ("Pr", System.Data.DbType.Int32));

    public Task<CommentState> CommentAsync(string repo, int pr, CancellationToken ct) =>
        db.ReadAsync(async c => await c.QuerySingleOrDefaultAsync<CommentState>(db.Sql(GetComment), new { Repo = repo, Pr = pr })
            ?? new CommentState(), ct);

    public Task SaveCommentAsync(string repo, int pr, CommentState s, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(SaveComment), new
        {
            Repo = repo, Pr = pr, s.CommentId, s.NodeId, s.BodyHash, s.PostedTotalMicros, s.PostedState, s.LastWriteMs,
        }, tx), ct);

    public Task<CheckState?> CheckAsync(string repo, string sha, CancellationToken ct) =>
        db.ReadAsync(c => c.QuerySingleOrDefaultAsync<CheckState>(db.Sql(GetCheck), new { Repo = repo, Sha = sha }), ct);

    public Task SaveCheckAsync(string repo, string sha, int pr, long checkRunId, string decisionHash, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync((c, tx) => c.ExecuteAsync(db.Sql(SaveCheck), new
        {
            Repo = repo, Sha = sha, Pr = pr, CheckRunId = checkRunId, DecisionHash = decisionHash, Now = now.ToUnixTimeMilliseconds(),
        }, tx), ct);
}

// The sticky comment as we last wrote it; a class (not a positional record) so Dapper maps it on both dialects.
internal sealed class CommentState
{
    public long? CommentId { get; init; }
    public string? NodeId { get; init; }
    public string? BodyHash { get; init; }
    public long? PostedTotalMicros { get; init; }
    public string? PostedState { get; init; }
    public long? LastWriteMs { get; init; }
}

// The check run we made for one head SHA and the decision it shows.
internal sealed class CheckState
{
    public long CheckRunId { get; init; }
    public string DecisionHash { get; init; } = "";
}
