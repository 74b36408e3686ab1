namespace BudgetBot.Usage;

// What one usage event can really be. A billion tokens in one field of one event is far beyond any
// model's context or output; $100,000 is far beyond any single call. Anything larger is a bug or an
// attack, and accepted it would overflow totals later. See docs/decisions/usage-bounds-and-saturating-sums.md.
internal static class UsageBounds
{
    public const long MaxTokens = 1_000_000_000;

    public const decimal MaxCostUsd = 100_000m;

    public static string TokensMessage => $"must be an integer from 0 to {MaxTokens} (one event's tokens per field)";

    public static string CostMessage => $"must be a number of USD from 0 to {MaxCostUsd} (one event's cost)";

    // For OTLP, whose events are built from points: null when the event is within bounds.
    public static string? Problem(UsageEvent e) =>
        new[] { e.InputTokens, e.OutputTokens, e.CacheReadTokens, e.CacheWrite5mTokens, e.CacheWrite1hTokens }.Any(n => n > MaxTokens)
            ? $"a token count above {MaxTokens} in one event cannot be real"
            : e.CostUsd > MaxCostUsd ? $"a cost above ${MaxCostUsd} in one event cannot be real"
            : null;
}
