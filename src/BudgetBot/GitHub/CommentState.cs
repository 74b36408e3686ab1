namespace BudgetBot.GitHub;

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
