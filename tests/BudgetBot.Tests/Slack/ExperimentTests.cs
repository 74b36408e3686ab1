using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Slack;

public sealed class ExperimentTests
{
    [Fact]
    public async Task Founder_WithinLimits_OpensAnAllowanceAtOnce_UsageDrawsOnIt_AndItExpires()
    {
        await using var app = SlackTestApp.Create(new FakeSlackApi());
        var reply = await (await app.CommandAsync("U0FOUNDER", "experiment $500 7d try-o3 compare reviewers")).ReadAsync();
        Assert.Contains("experiment:try-o3", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        var client = await app.ClientWithScopesAsync("read", "ingest");
        await client.PostJsonAsync("/api/usage", Event("e1", occurredAt: "2026-03-11T12:30:00Z").With("costUsd", 12.5).With("experiment", "try-o3"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var status = await client.GetJsonAsync("/api/budgets/experiment:try-o3");
        Assert.Equal(500m, status.Decimal("limitUsd"));
        Assert.Equal(12.5m, status.Decimal("spentUsd"));
        Assert.Equal(TestApp.Start, status.GetProperty("periodStart").GetDateTimeOffset());
        Assert.Equal(TestApp.Start.AddDays(7), status.GetProperty("periodEnd").GetDateTimeOffset());
        app.Clock.Advance(TimeSpan.FromDays(7));
        var all = await client.GetJsonAsync("/api/budgets");
        Assert.DoesNotContain(all.EnumerateArray(), b => b.GetProperty("id").GetString() == "experiment:try-o3");
    }

    [Theory]
    [InlineData("U0DEV", "experiment 500 7d try-x")]
    [InlineData("U0FOUNDER", "experiment 5000 7d try-x")]
    [InlineData("U0FOUNDER", "experiment 500 30d try-x")]
    public async Task BeyondLimits_OrNotAFounder_BecomesARequestAnotherFounderApproves(string user, string text)
    {
        var fake = new FakeSlackApi();
        await using var app = SlackTestApp.Create(fake);
        var reply = await (await app.CommandAsync(user, text)).ReadAsync();
        Assert.Contains("BR-1", reply.GetProperty("text").GetString(), StringComparison.Ordinal);
        var client = await app.ClientWithScopesAsync("read");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/api/budgets/experiment:try-x", TestContext.Current.CancellationToken)).StatusCode);
        await app.DrainAsync();
        await app.ClickAsync("U0LEAD1", "budget_approve", "BR-1");
        await app.ClickAsync(user == "U0FOUNDER" ? "U0FOUNDER2" : "U0FOUNDER", "budget_approve", "BR-1");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/budgets/experiment:try-x", TestContext.Current.CancellationToken)).StatusCode);
    }
}
