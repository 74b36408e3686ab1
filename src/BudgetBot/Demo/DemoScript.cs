using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetBot.Demo;

// The scenario itself, step by step, each step a real HTTP call (the digest, a scheduled job, is run
// as the scheduler would run it). What would reach Slack and GitHub is printed as it would appear.
internal static class DemoScript
{
    public static async Task PlayAsync(HttpClient http, TextWriter output, IServiceProvider services)
    {
        var step = new DemoSteps(output);
        var slack = new DemoSlackPreview(services, output);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        object Event(string id, string model, long input, long output, long cacheRead, string workflow, string runId) => new
        {
            id, source = "demo", occurredAt = now, model, inputTokens = input, outputTokens = output, cacheReadTokens = cacheRead,
            repo = "acme/api", pr = 42, branch = "feature/retry", workflow, runId,
        };
        var batch = new
        {
            events = new[]
            {
                Event("run-9001-1", "claude-sonnet-4-5-20250929", 9_000_000, 4_200_000, 180_000_000, "claude-review", "9001"),
                Event("run-9001-2", "claude-haiku-4-5-20251001", 2_000_000, 900_000, 40_000_000, "claude-review", "9001"),
                Event("run-9002-1", "claude-opus-4-5-20251101", 90_000, 30_000, 600_000, "triage-bot", "9002"),
            },
        };
        await step.NextAsync("Pre-flight for claude-review run 9001, estimated at $5 (review-agents is a hard $300 weekly budget)");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "claude-review", runId = "9001", estimateUsd = 5 }));
        await step.NextAsync("Agents report usage for acme/api#42: run 9001 of claude-review (two models) and run 9002 of triage-bot");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/usage", batch));
        await step.NextAsync("The same batch again (a retry): nothing is counted twice");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/usage", batch));
        await step.NextAsync("A batch with a bad event is refused whole, with every problem listed");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/usage", new
        {
            events = new object[] { new { id = "x", source = "demo", occurredAt = "2026-03-02T10:15:00", model = "gpt-5", inputTokens = -1 } },
        }));
        await step.NextAsync("Budget status");
        await PrintBudgetsAsync(http, output);
        await step.NextAsync("Slack: the alerts run 9001 set off, as they would appear");
        await slack.PrintNewAsync();
        await step.NextAsync("Pre-flight for claude-review run 9003, estimated at $200: the hard budget denies it");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "claude-review", runId = "9003", estimateUsd = 200 }));
        await DemoSlack.PlayAsync(http, output, step, slack);
        await step.NextAsync("GitHub: the BudgetBot / budget check run on acme/api#42");
        await DemoGitHub.PrintCheckAsync(services, output);
        await step.NextAsync("GitHub: the cost comment that would be posted on acme/api#42");
        await DemoGitHub.PrintCommentAsync(http, output);
        await step.NextAsync("Slack: the digest, as the scheduler would post it to each team's channel");
        await slack.PrintDigestAsync();
    }

    private static async Task PrintBudgetsAsync(HttpClient http, TextWriter output)
    {
        var budgets = await http.GetFromJsonAsync<JsonElement>("/api/budgets");
        foreach (var b in budgets.EnumerateArray())
        {
            await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture,
                "   {0,-16} {1,-24} spent ${2,10:0.00} of ${3,9:0.00}  reserved ${4:0.00}  {5}% {6}",
                b.GetProperty("id").GetString(), b.GetProperty("scope").GetString(), b.GetProperty("spentUsd").GetDecimal(),
                b.GetProperty("limitUsd").GetDecimal() + b.GetProperty("grantedUsd").GetDecimal(), b.GetProperty("reservedUsd").GetDecimal(),
                b.GetProperty("percentUsed").GetDecimal(), b.GetProperty("state").GetString()));
        }
    }

    internal static async Task PrintAsync(TextWriter output, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        await output.WriteLineAsync($"   {(int)response.StatusCode} {body}");
    }
}

// Numbers the steps as they are played.
internal sealed class DemoSteps(TextWriter output)
{
    private int number;

    public Task NextAsync(string title) => output.WriteLineAsync($"{++number}. {title}");
}
