using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Otlp;

// ExportTraceServiceRequest → one usage event per GenAI span that reports token usage. Following the
// OTel GenAI convention, gen_ai.usage.input_tokens INCLUDES cache reads and writes, so the uncached
// input is what remains after taking them out. The id is traceId-spanId: a resent span is a duplicate.
internal static class SpansReader
{
    public const string Source = "otlp-traces";

    public static List<OtlpUsage> Read(JsonElement root, Rejections rejected)
    {
        var events = new List<OtlpUsage>();
        foreach (var rs in OtlpJson.Array(root, "resourceSpans"))
        {
            var resource = OtlpAttributes.Read(OtlpJson.Object(rs, "resource"));
            foreach (var ss in OtlpJson.Array(rs, "scopeSpans"))
            {
                foreach (var span in OtlpJson.Array(ss, "spans"))
                {
                    var time = OtlpJson.Int64(span, "endTimeUnixNano") is > 0 and var t ? t : OtlpJson.Int64(span, "startTimeUnixNano");
                    Add(OtlpJson.String(span, "traceId"), OtlpJson.String(span, "spanId"), time, resource.With(span), events, rejected);
                }
            }
        }
        return events;
    }

    // One span from either encoding; ids are hex (OTLP JSON writes them so, protobuf as bytes).
    internal static void Add(string? traceId, string? spanId, long? time, OtlpAttributes a, List<OtlpUsage> events, Rejections rejected)
    {
        if (a.Get("gen_ai.usage.input_tokens") is null && a.Get("gen_ai.usage.output_tokens") is null)
        {
            return;
        }
        if (ToEvent(traceId, spanId, time, a, out var error) is { } e)
        {
            events.Add(new OtlpUsage(e, a.Get("session.id")));
        }
        else
        {
            rejected.Add(error!);
        }
    }

    private static UsageEvent? ToEvent(string? traceId, string? spanId, long? time, OtlpAttributes a, out string? error)
    {
        var model = a.First("gen_ai.response.model", "gen_ai.request.model");
        var input = a.Tokens("gen_ai.usage.input_tokens");
        var output = a.Tokens("gen_ai.usage.output_tokens");
        var read = a.Tokens("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.input_tokens.cached");
        var write = a.Tokens("gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_write.input_tokens", "gen_ai.usage.input_tokens.cache_write");
        error = string.IsNullOrEmpty(spanId) || string.IsNullOrEmpty(traceId) || traceId.Length + spanId.Length > 190
                ? "span: traceId and spanId are required"
            : OtlpJson.Time(time) is null ? "span: no start or end time"
            : model is null ? "span: no gen_ai.response.model or gen_ai.request.model"
            : input < 0 || output < 0 || read < 0 || write < 0 ? "span: gen_ai.usage token counts must be whole numbers ≥ 0"
            : null;
        if (error is not null)
        {
            return null;
        }
        return new UsageEvent
        {
            Id = traceId!.ToLowerInvariant() + "-" + spanId!.ToLowerInvariant(),
            Source = Source,
            OccurredAt = OtlpJson.Time(time)!.Value,
            Model = model!,
            Provider = OtlpAttribution.Provider(a, null),
            InputTokens = Math.Max(0, input - read - write),
            OutputTokens = output,
            CacheReadTokens = read,
            CacheWrite5mTokens = write,
        }.Attribute(a);
    }
}
