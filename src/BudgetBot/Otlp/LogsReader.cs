using System.Globalization;
using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Otlp;

// ExportLogsServiceRequest → one usage event per claude_code.api_request log record. Every other
// record (user_prompt, tool_result, …) is skipped unread: prompts are never stored.
internal static class LogsReader
{
    public const string Source = "otlp-logs";

    private static readonly IReadOnlySet<string> NoKeys = new HashSet<string>();

    public static List<OtlpUsage> Read(JsonElement root, Rejections rejected)
    {
        var events = new List<OtlpUsage>();
        foreach (var rl in OtlpJson.Array(root, "resourceLogs"))
        {
            var resource = OtlpAttributes.Read(OtlpJson.Object(rl, "resource"));
            foreach (var sl in OtlpJson.Array(rl, "scopeLogs"))
            {
                foreach (var record in OtlpJson.Array(sl, "logRecords"))
                {
                    if (IsApiRequest(OtlpJson.String(OtlpJson.Object(record, "body"), "stringValue"), OtlpJson.String(record, "eventName"), EventName(record)))
                    {
                        var time = OtlpJson.Int64(record, "timeUnixNano") is > 0 and var t ? t : OtlpJson.Int64(record, "observedTimeUnixNano");
                        Add(time, resource.With(record), events, rejected);
                    }
                }
            }
        }
        return events;
    }

    // By its body, its eventName field (OTLP 1.5+) or its event.name attribute, in either encoding.
    internal static bool IsApiRequest(string? body, string? eventName, string? eventNameAttribute) =>
        body is "claude_code.api_request"
        || eventName is "api_request" or "claude_code.api_request"
        || eventNameAttribute is "api_request" or "claude_code.api_request";

    internal static void Add(long? time, OtlpAttributes a, List<OtlpUsage> events, Rejections rejected)
    {
        if (ToEvent(time, a, out var error) is { } e)
        {
            events.Add(new OtlpUsage(e, a.Get("session.id")));
        }
        else
        {
            rejected.Add(error!);
        }
    }

    private static string? EventName(JsonElement record)
    {
        foreach (var kv in OtlpJson.Array(record, "attributes"))
        {
            if (OtlpJson.String(kv, "key") == "event.name")
            {
                return OtlpJson.String(OtlpJson.Object(kv, "value"), "stringValue");
            }
        }
        return null;
    }

    private static UsageEvent? ToEvent(long? time, OtlpAttributes a, out string? error)
    {
        var model = a.Get("model");
        long[] tokens = [a.Tokens("input_tokens"), a.Tokens("output_tokens"), a.Tokens("cache_read_tokens"), a.Tokens("cache_creation_tokens")];
        var cost = a.Number("cost_usd") ?? a.Number("cost_usd_micros") / 1_000_000m;
        error = OtlpJson.Time(time) is null ? "api_request: a log record has no timeUnixNano"
            : model is null ? "api_request: a log record has no model attribute"
            : tokens.Any(n => n < 0) ? "api_request: token counts must be whole numbers ≥ 0"
            : cost < 0 ? "api_request: cost_usd must be ≥ 0"
            : null;
        if (error is not null)
        {
            return null;
        }
        return new UsageEvent
        {
            Id = OtlpIds.Hash(a, NoKeys, "claude_code.api_request", time!.Value.ToString(CultureInfo.InvariantCulture)),
            Source = Source,
            OccurredAt = OtlpJson.Time(time)!.Value,
            Model = model!,
            Provider = OtlpAttribution.Provider(a, null),
            InputTokens = tokens[0],
            OutputTokens = tokens[1],
            CacheReadTokens = tokens[2],
            CacheWrite5mTokens = tokens[3],
            CostUsd = cost,
        }.Attribute(a);
    }
}
