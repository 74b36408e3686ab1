using System.Globalization;
using System.Text.Json;
using BudgetBot.Usage;

namespace BudgetBot.Benchmarks;

// Events shaped like CI agent runs: a few repos, workflows and models, 25 events per run, every
// field a GitHub Actions reporter fills in. Deterministic in n, so a run is reproducible.
internal static class SyntheticUsage
{
    private static readonly string[] Repos = ["acme/api", "acme/svc-billing", "acme/svc-search", "acme/web", "acme/tools"];
    private static readonly string[] Workflows = ["claude-review", "codex-fix", "nightly-triage"];
    private static readonly (string Model, string Provider)[] Models =
    [
        ("claude-sonnet-4-5", "anthropic"), ("claude-opus-4-5", "anthropic"), ("claude-haiku-4-5", "anthropic"),
        ("gpt-5", "openai"), ("gpt-4.1", "openai"),
    ];

    public static UsageEvent Event(string prefix, long n, DateTimeOffset occurredAt)
    {
        var run = n / 25;
        var (model, provider) = Models[(int)(n % Models.Length)];
        return new UsageEvent
        {
            Id = prefix + "-" + n.ToString(CultureInfo.InvariantCulture),
            Source = "bench",
            OccurredAt = occurredAt,
            Model = model,
            Provider = provider,
            InputTokens = 2_000 + (n * 7919 % 40_000),
            OutputTokens = 500 + (n * 104_729 % 6_000),
            CacheReadTokens = n * 31 % 20_000,
            CacheWrite5mTokens = n * 17 % 3_000,
            Repo = Repos[(int)(run % Repos.Length)],
            Pr = (int)(run % 400) + 1,
            Branch = "feature/" + (run % 400).ToString(CultureInfo.InvariantCulture),
            Sha = (run * 2_654_435_761L).ToString("x16", CultureInfo.InvariantCulture),
            RunId = (10_000_000 + run).ToString(CultureInfo.InvariantCulture),
            RunAttempt = 1,
            JobId = (20_000_000 + run).ToString(CultureInfo.InvariantCulture),
            Workflow = Workflows[(int)(run % Workflows.Length)],
            Actor = "dev" + (run % 20).ToString(CultureInfo.InvariantCulture),
        };
    }

    // {"events":[...]} as a client sends it: numbers as numbers, times as RFC 3339 strings.
    public static byte[] Json(IEnumerable<UsageEvent> events)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("events");
            foreach (var e in events)
            {
                w.WriteStartObject();
                w.WriteString("id", e.Id);
                w.WriteString("source", e.Source);
                w.WriteString("occurredAt", e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteString("model", e.Model);
                w.WriteString("provider", e.Provider);
                w.WriteNumber("inputTokens", e.InputTokens);
                w.WriteNumber("outputTokens", e.OutputTokens);
                w.WriteNumber("cacheReadTokens", e.CacheReadTokens);
                w.WriteNumber("cacheWrite5mTokens", e.CacheWrite5mTokens);
                w.WriteString("repo", e.Repo);
                w.WriteNumber("pr", e.Pr!.Value);
                w.WriteString("branch", e.Branch);
                w.WriteString("sha", e.Sha);
                w.WriteString("runId", e.RunId);
                w.WriteNumber("runAttempt", e.RunAttempt!.Value);
                w.WriteString("jobId", e.JobId);
                w.WriteString("workflow", e.Workflow);
                w.WriteString("actor", e.Actor);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
