using BudgetBot.GitHub;

namespace BudgetBot.Demo;

// The demo's GitHub steps: the check run and the sticky comment BudgetBot would write on acme/api#42
// right now, decided and rendered by the same code the outbox sender uses.
internal static class DemoGitHub
{
    public static async Task PrintCheckAsync(IServiceProvider services, TextWriter output)
    {
        var spend = await services.GetRequiredService<PrSpendReader>().ReadAsync("acme/api", 42, CancellationToken.None);
        var check = CheckRunDecision.Decide(spend.Budgets);
        await output.WriteLineAsync($"   {CheckRunDecision.Name}: {check.Conclusion} ({check.Title})");
        await IndentAsync(output, check.Summary);
    }

    public static async Task PrintCommentAsync(HttpClient http, TextWriter output) =>
        await IndentAsync(output, await http.GetStringAsync("/api/pulls/acme/api/42/comment"));

    private static async Task IndentAsync(TextWriter output, string text)
    {
        foreach (var line in text.TrimEnd().Split('\n'))
        {
            await output.WriteLineAsync("   " + line);
        }
    }
}
