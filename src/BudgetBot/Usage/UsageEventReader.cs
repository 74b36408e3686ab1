using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BudgetBot.Usage;

// Reads one event or {"events":[...]} and reports every problem at once (DESIGN §6). Unknown fields
// are errors: a misspelt token field would otherwise price a run at zero without anyone noticing.
internal static partial class UsageEventReader
{
    public const int MaxBatch = 5000;

    internal static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "id", "source", "occurredAt", "model", "provider", "inputTokens", "outputTokens", "cacheReadTokens",
        "cacheWrite5mTokens", "cacheWrite1hTokens", "costUsd", "repo", "pr", "branch", "sha", "runId",
        "runAttempt", "jobId", "workflow", "actor", "team", "experiment",
    };

    public static (IReadOnlyList<UsageEvent> Events, IReadOnlyList<UsageError> Errors) Read(JsonElement body)
    {
        var errors = new List<UsageError>();
        var events = new List<UsageEvent>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new UsageError(0, "", "the body must be a usage event object or {\"events\": [...]}"));
            return (events, errors);
        }
        if (!body.TryGetProperty("events", out var list))
        {
            AddIfValid(ReadOne(body, 0, errors), events);
            return (events, errors);
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            errors.Add(new UsageError(0, "events", "must be a non-empty array of usage events"));
            return (events, errors);
        }
        if (list.GetArrayLength() > MaxBatch)
        {
            errors.Add(new UsageError(0, "events", $"at most {MaxBatch} events per batch"));
            return (events, errors);
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            AddIfValid(ReadOne(item, index++, errors), events);
        }
        return (events, errors);
    }

    private static void AddIfValid(UsageEvent? e, List<UsageEvent> events)
    {
        if (e is not null)
        {
            events.Add(e);
        }
    }

    private static UsageEvent? ReadOne(JsonElement e, int i, List<UsageError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new UsageError(i, "", "each event must be a JSON object"));
            return null;
        }
        var before = errors.Count;
        foreach (var p in e.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors.Add(new UsageError(i, p.Name, "is not a usage event field"));
        }
        var r = new FieldReader(e, i, errors);
        var id = r.String("id", required: true, max: 200);
        var source = r.String("source", required: true, max: 100);
        var occurredAt = r.Timestamp("occurredAt");
        var model = r.String("model", required: true, max: 200);
        var repo = r.String("repo", max: 200);
        if (repo is not null && !RepoPattern().IsMatch(repo))
        {
            errors.Add(new UsageError(i, "repo", "must be owner/name"));
        }
        var sha = r.String("sha", max: 64);
        if (sha is not null && !ShaPattern().IsMatch(sha))
        {
            errors.Add(new UsageError(i, "sha", "must be 7 to 64 hexadecimal characters"));
        }
        var ev = new UsageEvent
        {
            Id = id ?? "",
            Source = source ?? "",
            OccurredAt = occurredAt ?? default,
            Model = model ?? "",
            Provider = r.String("provider", max: 100)?.ToLowerInvariant(),
            InputTokens = r.Tokens("inputTokens"),
            OutputTokens = r.Tokens("outputTokens"),
            CacheReadTokens = r.Tokens("cacheReadTokens"),
            CacheWrite5mTokens = r.Tokens("cacheWrite5mTokens"),
            CacheWrite1hTokens = r.Tokens("cacheWrite1hTokens"),
            CostUsd = r.Cost("costUsd"),
            Repo = repo?.ToLowerInvariant(),
            Pr = r.PositiveInt("pr"),
            Branch = r.String("branch", max: 400),
            Sha = sha?.ToLowerInvariant(),
            RunId = r.Identifier("runId"),
            RunAttempt = r.PositiveInt("runAttempt"),
            JobId = r.Identifier("jobId"),
            Workflow = r.String("workflow", max: 200),
            Actor = r.String("actor", max: 200),
            Team = r.String("team", max: 100),
            Experiment = r.String("experiment", max: 200),
        };
        return errors.Count == before ? ev : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex RepoPattern();

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex ShaPattern();

    internal static DateTimeOffset? ParseTimestamp(string text) =>
        DateTimeOffset.TryParseExact(text, Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];
}
