using System.Text.Json;
using BudgetBot.Otlp;
using BudgetBot.Usage;

namespace BudgetBot.Transcripts;

// `budgetbot import claude-code DIR`: Claude Code's JSONL transcripts, for teams without telemetry.
// One API response is logged once per content block with identical usage, so responses are keyed by
// (message.id, requestId) and counted once; a sidechain replay of a known message is dropped too.
// Sessions already reported over OTLP are skipped (SessionClaims), so telemetry plus an import of
// the same laptop count once.
internal sealed class ClaudeCodeImporter(UsageIngestor ingestor, SessionClaims claims, ILogger<ClaudeCodeImporter> logger)
{
    public const string Source = "claude-code-transcript";
    private const int BatchSize = 500;

    public async Task<ImportSummary> ImportAsync(string directory, string? repoOverride, CancellationToken ct = default)
    {
        var files = Directory.EnumerateFiles(directory, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var responses = new Dictionary<(string, string?), TranscriptEntry>();
        var seenMessages = new HashSet<string>(StringComparer.Ordinal);
        int lines = 0, malformed = 0, repeated = 0;
        foreach (var file in files)
        {
            foreach (var text in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }
                lines++;
                if (Parse(text) is not { } parsed)
                {
                    malformed++;
                    continue;
                }
                if (parsed.Entry is not { } entry)
                {
                    continue;
                }
                var key = (entry.MessageId, entry.RequestId);
                if (responses.TryGetValue(key, out var known))
                {
                    repeated++;
                    responses[key] = entry.TotalTokens > known.TotalTokens ? entry : known;
                }
                else if (entry.IsSidechain && seenMessages.Contains(entry.MessageId))
                {
                    repeated++;
                }
                else
                {
                    responses[key] = entry;
                    seenMessages.Add(entry.MessageId);
                }
            }
        }
        var repos = new Dictionary<string, string?>(StringComparer.Ordinal);
        var events = responses.Values
            .Where(e => (e.RequestId ?? e.MessageId).Length <= 200)
            .OrderBy(e => e.At)
            .Select(e => new OtlpUsage(e.ToEvent(repoOverride ?? RepoOf(e.Cwd, repos)), e.SessionId.Length > 0 ? e.SessionId : null))
            .ToList();
        var (kept, dropped) = await claims.FilterAsync(Source, events, ct);
        int accepted = 0, duplicates = 0;
        foreach (var batch in kept.Chunk(BatchSize))
        {
            var result = await ingestor.IngestAsync(batch.Select(k => k.Event).ToList(), ct);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
        }
        OtlpLog.Imported(logger, files.Count, lines, accepted, duplicates, dropped);
        return new ImportSummary(files.Count, lines, malformed, responses.Count, repeated, accepted, duplicates, dropped,
            events.Count(e => e.Event.Repo is null));
    }

    private static string? RepoOf(string? cwd, Dictionary<string, string?> cache)
    {
        if (cwd is null)
        {
            return null;
        }
        if (!cache.TryGetValue(cwd, out var repo))
        {
            cache[cwd] = repo = GitRemote.RepoOf(cwd);
        }
        return repo;
    }

    private sealed record Line(TranscriptEntry? Entry);

    // null: not JSON (a torn or corrupt line, skipped as ccusage does); Entry null: a line without usage.
    private static Line? Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            return new Line(TranscriptEntry.Parse(doc.RootElement));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal static class TranscriptsExtensions
{
    public static IHostApplicationBuilder AddTranscripts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClaudeCodeImporter>();
        return builder;
    }
}
