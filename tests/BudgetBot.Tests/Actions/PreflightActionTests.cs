using System.Net.Http.Headers;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Actions;

public sealed class PreflightActionTests
{
    [Fact]
    public async Task Preflight_FailsTheJobWithHowToAskForMore_WhenAHardBudgetDenies_AndPassesOtherwise()
    {
        var node = LiveService.RequireNode();
        await using var service = new LiveService();
        await service.StartAsync();
        var env = ReportUsageActionTests.Environment(service, "claude-code-result.json");
        var script = LiveService.Script("preflight", "preflight.mjs");

        // review-agents: a hard $100 weekly budget on workflow claude-review.
        env["BUDGETBOT_ESTIMATE_USD"] = "500";
        var denied = await service.RunNodeAsync(node, script, env);
        env["BUDGETBOT_ESTIMATE_USD"] = "5";
        var allowed = await service.RunNodeAsync(node, script, env);

        Assert.True(denied.ExitCode == 1, denied.Output);
        Assert.Contains("BudgetBot denied this run: hard budget 'review-agents'", denied.Output, StringComparison.Ordinal);
        Assert.Contains("To request more, run in Slack: /budget request 400 for review-agents <reason>", denied.Output, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.Output);
        Assert.Contains("BudgetBot: allowed (within budget), $5 reserved as rsv_", allowed.Output, StringComparison.Ordinal);
        var outputs = await File.ReadAllTextAsync(env["GITHUB_OUTPUT"], TestContext.Current.CancellationToken);
        Assert.Contains("allowed=false", outputs, StringComparison.Ordinal);
        Assert.Contains("allowed=true", outputs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_WhenBudgetBotIsDown_GoesAheadWithAWarning_UnlessToldToDeny()
    {
        var node = LiveService.RequireNode();
        await using var service = new LiveService();
        var env = ReportUsageActionTests.Environment(service, "claude-code-result.json");
        env["BUDGETBOT_URL"] = "http://127.0.0.1:9";
        env["BUDGETBOT_TOKEN"] = "unused";
        var script = LiveService.Script("preflight", "preflight.mjs");

        var allow = await service.RunNodeAsync(node, script, env);
        env["BUDGETBOT_ON_ERROR"] = "deny";
        var deny = await service.RunNodeAsync(node, script, env);

        Assert.Equal(0, allow.ExitCode);
        Assert.Contains("::warning::BudgetBot at http://127.0.0.1:9 cannot be reached", allow.Output, StringComparison.Ordinal);
        Assert.Equal(1, deny.ExitCode);
        Assert.Contains("on-error is 'deny'", deny.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preflight_WithoutAnEstimateInput_ReservesWhatBudgetBotLearned_AndOutputsItsBasis()
    {
        var node = LiveService.RequireNode();
        await using var service = new LiveService();
        await service.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(service.Address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", service.Token);
        var at = DateTimeOffset.UtcNow.AddDays(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var history = Enumerable.Range(1, 5).Select(i => (object)Event($"history-{i}", occurredAt: at).With("costUsd", i)
            .With("repo", "acme/payments-api").With("workflow", "claude-review").With("runId", $"h{i}")).ToArray();
        Assert.True((await http.PostJsonAsync("/api/usage", Batch(history))).IsSuccessStatusCode);
        var env = ReportUsageActionTests.Environment(service, "claude-code-result.json");

        var run = await service.RunNodeAsync(node, LiveService.Script("preflight", "preflight.mjs"), env);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("BudgetBot: estimate $5 (p90 of 5 runs of claude-review in acme/payments-api over 30 days)", run.Output, StringComparison.Ordinal);
        Assert.Contains("$5 reserved as rsv_", run.Output, StringComparison.Ordinal);
        var outputs = await File.ReadAllTextAsync(env["GITHUB_OUTPUT"], TestContext.Current.CancellationToken);
        Assert.Contains("estimate-usd=5\n", outputs, StringComparison.Ordinal);
        Assert.Contains("estimate-basis=p90 of 5 runs of claude-review in acme/payments-api over 30 days\n", outputs, StringComparison.Ordinal);
    }
}
