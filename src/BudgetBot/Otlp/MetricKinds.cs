namespace BudgetBot.Otlp;

// Which metrics carry spend, and what each point of them measures (docs/reference/usage-sources.md §3, §4).
internal static class MetricKinds
{
    // Attributes that split one event's points by token class; they are not part of the event's key.
    public static readonly IReadOnlySet<string> ClassKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "gen_ai.token.type", "gen_ai.token.modality",
    };

    public static bool IsUsage(string metric) =>
        metric is "claude_code.token.usage" or "claude_code.cost.usage" or "gen_ai.client.token.usage"
        || metric.StartsWith("gen_ai.client.inference.usage.", StringComparison.Ordinal);

    // null with a null error: a usage metric whose point does not add spend (reasoning tokens are
    // already inside output tokens).
    public static UsageKind? Classify(string metric, OtlpAttributes a, out string? error)
    {
        error = null;
        switch (metric)
        {
            case "claude_code.cost.usage":
                return UsageKind.Cost;
            case "claude_code.token.usage":
                var type = a.Get("type");
                UsageKind? kind = type switch
                {
                    "input" => UsageKind.Input,
                    "output" => UsageKind.Output,
                    "cacheRead" => UsageKind.CacheRead,
                    "cacheCreation" => UsageKind.CacheWrite,
                    _ => null,
                };
                error = kind is null ? $"{metric}: unknown type '{type}'" : null;
                return kind;
            case "gen_ai.client.token.usage":
                var tokenType = a.Get("gen_ai.token.type");
                UsageKind? genAi = tokenType switch
                {
                    "input" => UsageKind.InputWithCache,
                    "output" => UsageKind.Output,
                    _ => null,
                };
                error = genAi is null ? $"{metric}: unknown gen_ai.token.type '{tokenType}'" : null;
                return genAi;
            case "gen_ai.client.inference.usage.input_tokens":
                return UsageKind.InputWithCache;
            case "gen_ai.client.inference.usage.output_tokens":
                return UsageKind.Output;
            case "gen_ai.client.inference.usage.cache_read.input_tokens":
                return UsageKind.CacheRead;
            case "gen_ai.client.inference.usage.cache_write.input_tokens":
                return UsageKind.CacheWrite;
            default:
                return null;
        }
    }

    public static string? Model(OtlpAttributes a) => a.First("model", "gen_ai.response.model", "gen_ai.request.model");
}
