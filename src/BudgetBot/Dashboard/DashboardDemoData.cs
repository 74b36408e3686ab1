using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using BudgetBot.Budgets;
using BudgetBot.Demo;
using BudgetBot.Slack;
using BudgetBot.Storage;
using Dapper;

namespace BudgetBot.Dashboard;

// `demo --keep`: thirty days of agent usage through the real usage API, the GitHub facts the
// webhooks would have stored (PR states, run conclusions), a pending request through the signed
// Slack endpoint and an experiment allowance, so every dashboard page has something to show.
internal static class DashboardDemoData
{
    internal static readonly SqlStatement InsertPr = new(
        "DemoData.InsertPr",
        "INSERT INTO pull_requests (repo, number, installation_id, head_sha, head_ref, head_repo, base_ref, state, merged, merged_at_ms, title, author, updated_at_ms) " +
        "VALUES (@Repo, @Number, 1, @Sha, @Ref, @Repo, 'main', @State, @Merged, @MergedAtMs, @Title, 'octocat', @UpdatedAtMs);");

    internal static readonly SqlStatement InsertRun = new(
        "DemoData.InsertRun",
        "INSERT INTO workflow_runs (repo, run_id, run_attempt, workflow, event, head_sha, status, conclusion, started_at_ms, completed_at_ms, updated_at_ms) " +
        "VALUES (@Repo, @RunId, 1, @Workflow, 'pull_request', @Sha, 'completed', @Conclusion, @StartedAtMs, @StartedAtMs, @StartedAtMs);");

    private static readonly (string Repo, string Workflow, string Model, string Provider)[] Agents =
    [
        ("acme/api", "claude-review", "claude-sonnet-4-5-20250929", "anthropic"),
        ("acme/api", "claude-review", "claude-haiku-4-5-20251001", "anthropic"),
        ("acme/api", "triage-bot", "claude-haiku-4-5-20251001", "anthropic"),
        ("acme/svc-billing", "claude-review", "claude-sonnet-4-5-20250929", "anthropic"),
        ("acme/svc-billing", "codex-fix", "gpt-5", "openai"),
        ("acme/web", "codex-fix", "gpt-5", "openai"),
        ("acme/web", "claude-review", "claude-opus-4-5-20251101", "anthropic"),
    ];

    private static readonly string[] Titles = ["Retry failed webhooks", "Billing export", "Fix flaky test", "Upgrade to .NET 10", "New pricing page", "Cache PR lookups"];

    public static async Task SeedAsync(HttpClient http, IServiceProvider services, TextWriter output)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var random = new Random(12);
        var events = new List<object>();
        var prs = new Dictionary<(string Repo, int Number), long>();
        var runs = new List<(string Repo, string RunId, string Workflow, long At, int Pr)>();
        for (var day = 29; day >= 0; day--)
        {
            // Usage grows over the month, so the projections have something to say.
            var runsToday = 4 + (30 - day) / 4 + random.Next(3);
            for (var r = 0; r < runsToday; r++)
            {
                var agent = Agents[random.Next(Agents.Length)];
                var at = now.AddDays(-day).AddMinutes(-random.Next(day == 0 ? 300 : 1440)).ToUnixTimeMilliseconds();
                var pr = 100 + random.Next(40);
                var runId = $"{day:00}{r:00}{random.Next(1000):000}";
                prs[(agent.Repo, pr)] = Math.Max(prs.GetValueOrDefault((agent.Repo, pr)), at);
                runs.Add((agent.Repo, runId, agent.Workflow, at, pr));
                for (var e = 0; e < 1 + random.Next(3); e++)
                {
                    events.Add(new
                    {
                        id = $"demo-{runId}-{e}", source = "demo-history", occurredAt = Iso(at + e * 60_000), model = agent.Model,
                        provider = agent.Provider, inputTokens = 150_000 + random.Next(900_000), outputTokens = 10_000 + random.Next(60_000),
                        cacheReadTokens = random.Next(2_000_000), repo = agent.Repo, pr, workflow = agent.Workflow, runId,
                    });
                }
            }
        }
        // The experiment's burn: o3-style reviews on acme/web over its first two days.
        for (var i = 0; i < 12; i++)
        {
            events.Add(new
            {
                id = $"demo-experiment-{i}", source = "demo-history", occurredAt = Iso(now.AddHours(-4 * i - 1).ToUnixTimeMilliseconds()),
                model = "claude-opus-4-5-20251101", provider = "anthropic", inputTokens = 600_000, outputTokens = 40_000,
                repo = "acme/web", workflow = "claude-review", experiment = "try-o3",
            });
        }
        // Two events of a model the catalog does not know: the overview's unpriced figure.
        events.Add(new { id = "demo-unpriced-1", source = "demo-history", occurredAt = Iso(now.AddHours(-3).ToUnixTimeMilliseconds()), model = "llama-internal-70b", inputTokens = 500_000, outputTokens = 20_000, repo = "acme/web", workflow = "codex-fix" });
        events.Add(new { id = "demo-unpriced-2", source = "demo-history", occurredAt = Iso(now.AddHours(-2).ToUnixTimeMilliseconds()), model = "llama-internal-70b", inputTokens = 400_000, outputTokens = 10_000, repo = "acme/web", workflow = "codex-fix" });
        foreach (var chunk in events.Chunk(500))
        {
            (await http.PostAsJsonAsync("/api/usage", new { events = chunk })).EnsureSuccessStatusCode();
        }
        await StoreGitHubFactsAsync(services.GetRequiredService<Database>(), prs, runs, now, random);
        await RequestAsync(http, now, "request $800 for review-agents more reviews during the release freeze", "U0DEV2", "C0PLATFORM");
        await OpenExperimentAsync(services, now);
        await output.WriteLineAsync($"   dashboard history: {events.Count} usage events over 30 days, {prs.Count} pull requests, {runs.Count} workflow runs");
    }

    private static async Task StoreGitHubFactsAsync(Database db, Dictionary<(string Repo, int Number), long> prs,
        List<(string Repo, string RunId, string Workflow, long At, int Pr)> runs, DateTimeOffset now, Random random)
    {
        await db.WriteAsync(async (c, tx) =>
        {
            foreach (var ((repo, number), last) in prs.OrderBy(p => p.Key.Repo, StringComparer.Ordinal).ThenBy(p => p.Key.Number))
            {
                var roll = random.Next(10);
                var (state, merged) = last < now.AddDays(-3).ToUnixTimeMilliseconds() ? (roll < 8 ? ("closed", 1) : ("closed", 0)) : ("open", 0);
                await c.ExecuteAsync(db.Sql(InsertPr), new
                {
                    Repo = repo, Number = number, Sha = $"{number:x8}", Ref = $"feature/{number}", State = state, Merged = merged,
                    MergedAtMs = merged == 1 ? last + 3_600_000 : (long?)null, Title = Titles[number % Titles.Length], UpdatedAtMs = last + 3_600_000,
                }, tx);
            }
            foreach (var run in runs)
            {
                var roll = random.Next(20);
                await c.ExecuteAsync(db.Sql(InsertRun), new
                {
                    run.Repo, run.RunId, run.Workflow, Sha = $"{run.Pr:x8}", StartedAtMs = run.At,
                    Conclusion = roll < 2 ? "failure" : roll < 3 ? "cancelled" : "success",
                }, tx);
            }
            return 0;
        });
    }

    private static async Task RequestAsync(HttpClient http, DateTimeOffset now, string text, string user, string channel)
    {
        var body = string.Join('&', new[] { ("command", "/budget"), ("text", text), ("user_id", user), ("channel_id", channel) }
            .Select(f => f.Item1 + "=" + Uri.EscapeDataString(f.Item2)));
        var bytes = Encoding.UTF8.GetBytes(body);
        var ts = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add("X-Slack-Request-Timestamp", ts);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(DemoSlack.Secret, ts, bytes));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static async Task OpenExperimentAsync(IServiceProvider services, DateTimeOffset now)
    {
        var db = services.GetRequiredService<Database>();
        var experiments = services.GetRequiredService<ExperimentStore>();
        var audit = services.GetRequiredService<AuditLog>();
        await db.WriteAsync(async (c, tx) =>
        {
            await experiments.OpenAsync(c, tx, "try-o3", 400_000_000, now.AddDays(-2), now.AddDays(5), "compare reviewers", "U0FOUNDER", null);
            await audit.AppendAsync(c, tx, now, "U0FOUNDER", "experiment.opened", "experiment:try-o3", new { amountUsd = 400, days = 7 });
            return 0;
        });
    }

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
