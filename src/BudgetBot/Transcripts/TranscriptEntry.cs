using System.Globalization;
using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Transcripts;

// One assistant line of a Claude Code transcript (docs/reference/usage-sources.md §6), reduced to what is billed.
// Content blocks (prompts, answers, tool input) are never read.
internal sealed record TranscriptEntry(
    string MessageId, string? RequestId, string SessionId, bool IsSidechain, string? Cwd, string? Branch,
    DateTimeOffset At, string Model, long Input, long Output, long CacheRead, long Write5m, long Write1h, decimal? CostUsd)
{
    public long TotalTokens => Input + Output + CacheRead + Write5m + Write1h;

    public static TranscriptEntry? Parse(JsonElement line)
    {
        if (line.ValueKind != JsonValueKind.Object || Str(line, "type") != "assistant"
            || !line.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var model = Str(message, "model");
        var messageId = Str(message, "id");
        var at = Str(line, "timestamp") is { } ts && DateTimeOffset.TryParse(ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;
        if (model is null or "<synthetic>" || messageId is null || at is null)
        {
            return null;
        }
        var split = usage.TryGetProperty("cache_creation", out var cc) && cc.ValueKind == JsonValueKind.Object;
        return new TranscriptEntry(
            messageId, Str(line, "requestId"), Str(line, "sessionId") ?? "", line.TryGetProperty("isSidechain", out var side) && side.ValueKind == JsonValueKind.True,
            Str(line, "cwd"), Str(line, "gitBranch") is { Length: > 0 } b && b != "HEAD" ? b : null, at.Value, model,
            Num(usage, "input_tokens"), Num(usage, "output_tokens"), Num(usage, "cache_read_input_tokens"),
            split ? Num(cc, "ephemeral_5m_input_tokens") : Num(usage, "cache_creation_input_tokens"),
            split ? Num(cc, "ephemeral_1h_input_tokens") : 0,
            line.TryGetProperty("costUSD", out var cost) && cost.ValueKind == JsonValueKind.Number && cost.TryGetDecimal(out var c) && c >= 0 ? c : null);
    }

    public UsageEvent ToEvent(string? repo) => new()
    {
        Id = RequestId ?? MessageId,
        Source = ClaudeCodeImporter.Source,
        OccurredAt = At,
        Model = Model,
        InputTokens = Input,
        OutputTokens = Output,
        CacheReadTokens = CacheRead,
        CacheWrite5mTokens = Write5m,
        CacheWrite1hTokens = Write1h,
        CostUsd = CostUsd,
        Repo = repo,
        Branch = Branch is { Length: <= 400 } ? Branch : null,
    };

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n : 0;
}
