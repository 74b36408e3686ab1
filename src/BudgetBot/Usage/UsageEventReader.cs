using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BudgetBot.Operations;

namespace BudgetBot.Usage;

// Reads one event or {"events":[...]} and reports every problem at once (DESIGN §6). Unknown fields
// are errors: a misspelt token field would otherwise price a run at zero without anyone noticing.
internal static partial class UsageEventReader
{
    public const int MaxBatch = 5000;

    // Clocks drift and time zones get mixed up, but usage a day ahead of now is a bug in the sender;
    // stored, it would count in a period that has not begun.
    public static readonly TimeSpan MaxAhead = TimeSpan.FromHours(24);

    internal static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "id", "source", "occurredAt", "model", "provider", "inputTokens", "outputTokens", "cacheReadTokens",
        "cacheWrite5mTokens", "cacheWrite1hTokens", "costUsd", "repo", "pr", "branch", "sha", "runId",
        "runAttempt", "jobId", "workflow", "actor", "team", "experiment",
    };

    public static (IReadOnlyList<UsageEvent> Events, IReadOnlyList<FieldError> Errors) Read(JsonElement body, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var events = new List<UsageEvent>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(0, "", "the body must be a usage event object or {\"events\": [...]}"));
            return (events, errors);
        }
        if (!body.TryGetProperty("events", out var list))
        {
            AddIfValid(ReadOne(body, 0, now, errors), events);
            return (events, errors);
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            errors.Add(new FieldError(0, "events", "must be a non-empty array of usage events"));
            return (events, errors);
        }
        if (list.GetArrayLength() > MaxBatch)
        {
            errors.Add(new FieldError(0, "events", $"at most {MaxBatch} events per batch"));
            return (events, errors);
        }
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            AddIfValid(ReadOne(item, index++, now, errors), events);
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

    private static UsageEvent? ReadOne(JsonElement e, int i, DateTimeOffset now, List<FieldError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(i, "", "each event must be a JSON object"));
            return null;
        }
        var before = errors.Count;
        foreach (var p in e.EnumerateObject().Where(p => !Known.Contains(p.Name)))
        {
            errors.Add(new FieldError(i, p.Name, "is not a usage event field"));
        }
        var r = new FieldReader(e, i, errors);
        var id = r.String("id", required: true, max: 200);
        var source = r.String("source", required: true, max: 100);
        var occurredAt = r.Timestamp("occurredAt");
        if (occurredAt > now + MaxAhead)
        {
            errors.Add(new FieldError(i, "occurredAt", $"is more than {MaxAhead.TotalHours:0} hours in the future (now is {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}); send the time the usage happened, with its offset"));
        }
        var model = r.String("model", required: true, max: 200);
        var repo = r.String("repo", max: 200);
        if (repo is not null && !RepoPattern().IsMatch(repo))
        {
            errors.Add(new FieldError(i, "repo", "must be owner/name"));
        }
        var sha = r.String("sha", max: 64);
        if (sha is not null && !ShaPattern().IsMatch(sha))
        {
            errors.Add(new FieldError(i, "sha", "must be 7 to 64 hexadecimal characters"));
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

    // RFC 3339 requires the offset: "K" alone would also take a time without one, as local time.
    internal static DateTimeOffset? ParseTimestamp(string text) =>
        OffsetPattern().IsMatch(text) && DateTimeOffset.TryParseExact(text, Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    [GeneratedRegex(@"(?:[Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetPattern();

    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];
}
