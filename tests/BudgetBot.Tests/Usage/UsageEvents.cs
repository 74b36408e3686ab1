namespace BudgetBot.Tests.Usage;

// Builds usage events as a client would send them.
internal static class UsageEvents
{
    public static Dictionary<string, object?> Event(string id, string model = "claude-sonnet-4-5-20250929", string? occurredAt = null, string source = "test") => new()
    {
        ["id"] = id,
        ["source"] = source,
        ["occurredAt"] = occurredAt ?? "2026-03-11T10:00:00Z",
        ["model"] = model,
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> e, string key, object? value)
    {
        e[key] = value;
        return e;
    }

    public static object Batch(params object[] events) => new { events };
}
