using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.ScaleOut;

// Usage events of the stream: a cost on acme/api by claude-review, for a PR or only its run.
internal static class StreamEvents
{
    public static Dictionary<string, object?> Cost(this Dictionary<string, object?> e, decimal usd) =>
        e.With("costUsd", usd).With("inputTokens", 1000).With("outputTokens", 100).With("repo", "acme/api").With("workflow", "claude-review");

    public static Dictionary<string, object?> Pr(this Dictionary<string, object?> e, int pr) => e.With("pr", pr).With("runId", $"{9000 + pr}");

    public static Dictionary<string, object?> Run(this Dictionary<string, object?> e, int pr) => e.With("runId", $"{9000 + pr}");
}
