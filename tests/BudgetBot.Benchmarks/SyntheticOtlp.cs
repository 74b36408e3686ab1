using System.Globalization;
using System.Text.Json;

namespace BudgetBot.Benchmarks;

// OTLP/HTTP JSON metric exports shaped like Claude Code's (tests/BudgetBot.Tests/Fixtures/usage/
// claude-code-otlp-metrics.json): a collector batching 100 sessions, one resource per session, each
// session using 3 models; per model the 4 delta token.usage points (input, output, cacheRead,
// cacheCreation) and 1 cost.usage point, which the receiver turns into one usage event. Session ids
// come from the export number, so every export's points are new and its sessions unclaimed.
internal static class SyntheticOtlp
{
    public const int Sessions = 100;
    public const int ModelsPerSession = 3;
    public const int TokenTypesPerModel = 4;
    public const int PointsPerEvent = TokenTypesPerModel + 1;
    public const int EventsPerExport = Sessions * ModelsPerSession;
    public const int PointsPerExport = EventsPerExport * PointsPerEvent;

    private static readonly string[] TokenTypes = ["input", "output", "cacheRead", "cacheCreation"];
    private static readonly (string Model, string QuerySource)[] Models =
    [
        ("claude-sonnet-4-5-20250929", "main"), ("claude-haiku-4-5-20251001", "subagent"), ("claude-opus-4-5-20251101", "main"),
    ];
    private static readonly string[] Repos = ["acme/api", "acme/svc-billing", "acme/svc-search", "acme/web", "acme/tools"];

    public static byte[] Export(long export, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("resourceMetrics");
            for (var i = 0; i < Sessions; i++)
            {
                var session = export * Sessions + i;
                // A one-minute delta interval ending within the last two hours.
                var end = now.AddSeconds(-(session % 7200)).ToUnixTimeMilliseconds() * 1_000_000;
                WriteSession(w, session, end - 60_000_000_000L, end);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteSession(Utf8JsonWriter w, long session, long start, long end)
    {
        w.WriteStartObject();
        w.WriteStartObject("resource");
        w.WriteStartArray("attributes");
        Attribute(w, "service.name", "claude-code");
        Attribute(w, "service.version", "2.1.30");
        Attribute(w, "repo", Repos[(int)(session % Repos.Length)]);
        Attribute(w, "pr.number", Text(session % 400 + 1));
        Attribute(w, "git.branch", "feature/" + Text(session % 400));
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("scopeMetrics");
        w.WriteStartObject();
        w.WriteStartObject("scope");
        w.WriteString("name", "com.anthropic.claude_code");
        w.WriteString("version", "2.1.30");
        w.WriteEndObject();
        w.WriteStartArray("metrics");
        WriteSum(w, "claude_code.token.usage", "tokens", session, start, end, tokens: true);
        WriteSum(w, "claude_code.cost.usage", "USD", session, start, end, tokens: false);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSum(Utf8JsonWriter w, string name, string unit, long session, long start, long end, bool tokens)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("unit", unit);
        w.WriteStartObject("sum");
        w.WriteNumber("aggregationTemporality", 1);
        w.WriteBoolean("isMonotonic", true);
        w.WriteStartArray("dataPoints");
        for (var m = 0; m < Models.Length; m++)
        {
            var seed = session * Models.Length + m;
            if (tokens)
            {
                for (var t = 0; t < TokenTypes.Length; t++)
                {
                    WritePoint(w, session, Models[m], TokenTypes[t], start, end, 100 + (seed * 7919 + t * 104_729) % 50_000);
                }
            }
            else
            {
                WritePoint(w, session, Models[m], null, start, end, 0.01 + seed % 997 / 1000.0);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter w, long session, (string Model, string QuerySource) model, string? type, long start, long end, double value)
    {
        w.WriteStartObject();
        w.WriteStartArray("attributes");
        Attribute(w, "user.id", (session % 20 * 2_654_435_761L).ToString("x64", CultureInfo.InvariantCulture));
        Attribute(w, "session.id", "7f3c2a9e-4b1d-4e8a-9c55-" + session.ToString("x12", CultureInfo.InvariantCulture));
        Attribute(w, "organization.id", "3d6f0c8e-2a41-4b7f-9e15-6c0a9b8d7e21");
        Attribute(w, "user.email", "dev" + Text(session % 20) + "@acme.example");
        Attribute(w, "terminal.type", "vscode");
        if (type is not null)
        {
            Attribute(w, "type", type);
        }
        Attribute(w, "model", model.Model);
        Attribute(w, "query_source", model.QuerySource);
        w.WriteEndArray();
        w.WriteString("startTimeUnixNano", Text(start));
        w.WriteString("timeUnixNano", Text(end));
        w.WriteNumber("asDouble", value);
        w.WriteEndObject();
    }

    private static void Attribute(Utf8JsonWriter w, string key, string value)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteStartObject("value");
        w.WriteString("stringValue", value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
}
