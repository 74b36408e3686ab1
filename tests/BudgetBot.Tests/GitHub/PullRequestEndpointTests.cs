using System.Net;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.GitHub;

public sealed class PullRequestEndpointTests : IAsyncLifetime
{
    private readonly GitHubHarness gh = new(configured: false);

    public async ValueTask InitializeAsync() => await gh.StartAsync();

    public async ValueTask DisposeAsync() => await gh.DisposeAsync();

    [Fact]
    public async Task Pull_ShowsTotalsByWorkflowAndModel_BudgetsAndMergedPrFigures()
    {
        gh.Directory.Add("acme/api", 40, "c0", merged: true);
        gh.Directory.Add("acme/api", 41, "c1", merged: true);
        gh.Directory.Add("acme/api", 43, "c3");
        await gh.ReportAsync("m40", 1.00m, pr: 40);
        await gh.ReportAsync("m41", 3.00m, pr: 41);
        await gh.ReportAsync("o43", 100.00m, pr: 43);
        await gh.ReportAsync("a", 2.00m, runId: "1");
        await gh.ReportAsync("b", 0.50m, runId: "2");
        await gh.ReportAsync("c", 1.25m, workflow: "triage-bot", runId: "3");

        var pull = await gh.Client.GetJsonAsync("/api/pulls/Acme/API/42");

        Assert.Equal("acme/api", pull.GetProperty("repo").GetString());
        Assert.Equal(42, pull.GetProperty("number").GetInt32());
        Assert.Equal(3.75m, pull.Decimal("totalUsd"));
        Assert.Equal(3, pull.GetProperty("events").GetInt32());
        var review = pull.GetProperty("byWorkflow")[0];
        Assert.Equal(("claude-review", 2, 2.5m), (review.GetProperty("workflow").GetString(), review.GetProperty("runs").GetInt32(), review.Decimal("costUsd")));
        Assert.Equal(3.75m, pull.GetProperty("byModel")[0].Decimal("costUsd"));
        Assert.Equal(3300, pull.GetProperty("tokens").GetProperty("total").GetInt64());
        var budgets = pull.GetProperty("budgets").EnumerateArray().Select(b => b.GetProperty("id").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "platform", "review-agents", "everything" }, budgets);
        var merged = pull.GetProperty("mergedPrs");
        Assert.Equal((2, 2m, 3m), (merged.GetProperty("count").GetInt32(), merged.Decimal("medianUsd"), merged.Decimal("p90Usd")));
    }

    [Fact]
    public async Task Pull_NeedsTheReadScope()
    {
        using var anonymous = gh.App.CreateClient();
        var response = await anonymous.GetAsync("/api/pulls/acme/api/42", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
