using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace BudgetBot.Demo;

// The scenario itself, step by step, each step a real HTTP call.
internal static class DemoScript
{
    public static async Task PlayAsync(HttpClient http, TextWriter output, TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        object Event(string id, string model, long input, long output, long cacheRead, string workflow) => new
        {
            id, source = "demo", occurredAt = now, model, inputTokens = input, outputTokens = output, cacheReadTokens = cacheRead,
            repo = "acme/api", pr = 42, branch = "feature/retry", workflow, runId = "9001",
        };
        var batch = new
        {
            events = new[]
            {
                Event("run-9001-1", "claude-sonnet-4-5-20250929", 180_000, 24_000, 1_200_000, "claude-review"),
                Event("run-9001-2", "claude-haiku-4-5-20251001", 40_000, 8_000, 300_000, "claude-review"),
                Event("run-9001-3", "claude-opus-4-5-20251101", 90_000, 30_000, 600_000, "triage-bot"),
            },
        };
        await output.WriteLineAsync("1. Pre-flight for a claude-review run estimated at $5");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "claude-review", runId = "9001", estimateUsd = 5 }));
        await output.WriteLineAsync("2. Agents report three usage events for acme/api#42");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/usage", batch));
        await output.WriteLineAsync("3. The same batch again (a retry): nothing is counted twice");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/usage", batch));
        await output.WriteLineAsync("4. A batch with a bad event is refused whole, with every problem listed");
        await PrintAsync(output, await http.PostAsJsonAsync("/api/usage", new { events = new object[] { new { id = "x", source = "demo", model = "gpt-5", inputTokens = -1 } } }));
        await output.WriteLineAsync("5. Budget status");
        var budgets = await http.GetFromJsonAsync<JsonElement>("/api/budgets");
        foreach (var b in budgets.EnumerateArray())
        {
            await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture,
                "   {0,-16} {1,-24} spent ${2,10:0.00} of ${3,9:0.00}  reserved ${4:0.00}  {5}% {6}",
                b.GetProperty("id").GetString(), b.GetProperty("scope").GetString(), b.GetProperty("spentUsd").GetDecimal(),
                b.GetProperty("limitUsd").GetDecimal() + b.GetProperty("grantedUsd").GetDecimal(), b.GetProperty("reservedUsd").GetDecimal(),
                b.GetProperty("percentUsed").GetDecimal(), b.GetProperty("state").GetString()));
        }
        await DemoSlack.PlayAsync(http, output);
        await DemoGitHub.PrintCommentAsync(http, output, 8);
    }

    private static async Task PrintAsync(TextWriter output, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        await output.WriteLineAsync($"   {(int)response.StatusCode} {body}");
    }
}
