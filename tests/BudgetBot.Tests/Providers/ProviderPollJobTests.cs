using BudgetBot.Scheduling;

namespace BudgetBot.Tests.Providers;

public sealed class ProviderPollJobTests
{
    [Fact]
    public async Task PollerWithoutAKey_DoesNothing()
    {
        await using var h = new ProviderHarness(withKeys: false);

        await h.PollAsync("anthropic");
        await h.PollAsync("openai");

        Assert.Empty(h.Anthropic.Requests);
        Assert.Empty(h.OpenAi.Requests);
        Assert.Equal(0m, await h.OrgUsdAsync(new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public async Task BothPollers_AreRegisteredHourly()
    {
        await using var h = new ProviderHarness();

        var jobs = h.App.Get<IEnumerable<IScheduledJob>>().Where(j => j.Name.StartsWith("poll-", StringComparison.Ordinal)).ToList();

        Assert.Equal(["poll-anthropic", "poll-openai"], jobs.Select(j => j.Name).Order());
        Assert.All(jobs, j => Assert.Equal("0 * * * *", j.Schedule(BudgetBot.Budgets.BudgetPolicy.Empty)!.ToString()));
    }

    [Fact]
    public async Task ProviderError_FailsTheRun_WithoutTheKeyInTheMessage()
    {
        await using var h = new ProviderHarness();
        h.Anthropic.Remove("/v1/organizations/cost_report");

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => h.PollAsync("anthropic"));

        Assert.Contains("anthropic v1/organizations/cost_report answered 404", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant-admin-test-key", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0m, await h.OrgUsdAsync(new DateOnly(2026, 3, 2)));
    }
}
