namespace BudgetBot.GitHub;

// A comment on GitHub: its REST id (for PATCH) and GraphQL node id (for minimizeComment).
internal sealed record PostedComment(long Id, string? NodeId);
