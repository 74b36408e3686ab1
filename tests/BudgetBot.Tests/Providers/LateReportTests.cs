using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Providers;

// Issue 11 part 6: usage reported after a poll, for a day the bill already covers, must not raise the
// total above the bill, before any further poll. Through POST /api/usage and the real poll jobs.
public sealed class LateReportTests : IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2026, 3, 2);
    private readonly ProviderHarness h = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await h.App.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Anthropic_LateReportedCost_StaysInsideTheBill_WithoutAnotherPoll()
    {
        await h.PollAsync("anthropic");
        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));

        await client.PostJsonAsync("/api/usage", Event("late-1", source: "github-actions").With("costUsd", 1.5)
            .With("repo", "acme/web").With("occurredAt", "2026-03-02T16:00:00Z"));

        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));
        var ci = await RowAsync("wrkspc_01BudgetBotCiAgents");
        Assert.Equal((1.5m, 26.495m, 24.995m), (ci.Decimal("reportedUsd"), ci.Decimal("billedUsd"), ci.Decimal("remainderUsd")));
        Assert.Equal(62.29m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd") - await DayUsdAsync(new(2026, 3, 3)));

        await h.PollAsync("anthropic");
        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));
    }

    [Fact]
    public async Task Anthropic_LateTokensPricedFromTheCatalog_StayInsideTheBill_AndGrowthKeepsItsShare()
    {
        await h.PollAsync("anthropic");

        // 1M Sonnet input tokens on Bedrock's id would be aws, not Anthropic's bill; this one is Anthropic's own.
        await client.PostJsonAsync("/api/usage", Event("late-2", model: "claude-sonnet-4-5-20250929", source: "otel").With("inputTokens", 1_000_000)
            .With("repo", "acme/payments-api").With("occurredAt", "2026-03-02T18:00:00Z"));

        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));
        var engineering = await RowAsync("wrkspc_01BudgetBotEngineering");
        Assert.Equal((3m, 35.795m, 32.795m), (engineering.Decimal("reportedUsd"), engineering.Decimal("billedUsd"), engineering.Decimal("remainderUsd")));
        Assert.Equal(0m, (await RowAsync("wrkspc_01BudgetBotCiAgents")).Decimal("reportedUsd"));
    }

    [Fact]
    public async Task OpenAi_LateReportedUsage_StaysInsideTheBill_WithoutAnotherPoll()
    {
        await h.PollAsync("openai");
        Assert.Equal(7.075m, await h.OrgUsdAsync(Day1));

        // gpt-5: 1M input at $1.25, provider inferred from the id.
        await client.PostJsonAsync("/api/usage", Event("late-3", model: "gpt-5-2025-08-07", source: "codex").With("inputTokens", 1_000_000)
            .With("repo", "acme/payments-api").With("occurredAt", "2026-03-02T20:00:00Z"));

        Assert.Equal(7.075m, await h.OrgUsdAsync(Day1));
        var project = await RowAsync("proj_BudgetBotPaymentsApi01");
        Assert.Equal((1.25m, 7.075m, 5.825m), (project.Decimal("reportedUsd"), project.Decimal("billedUsd"), project.Decimal("remainderUsd")));

        await h.PollAsync("openai");
        Assert.Equal(7.075m, await h.OrgUsdAsync(Day1));
    }

    [Fact]
    public async Task LateUsage_OfAnotherProvider_OrAnUnbilledDay_CountsInFull()
    {
        await h.PollAsync("anthropic");

        await client.PostJsonAsync("/api/usage", Batch(
            Event("openai-day1", model: "gpt-5", source: "codex").With("inputTokens", 1_000_000).With("repo", "acme/api").With("occurredAt", "2026-03-02T20:00:00Z"),
            Event("bedrock-day1", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", source: "otel").With("inputTokens", 1_000_000).With("repo", "acme/api").With("occurredAt", "2026-03-02T21:00:00Z"),
            Event("anthropic-day5", source: "github-actions").With("costUsd", 2).With("repo", "acme/api").With("occurredAt", "2026-03-05T10:00:00Z")));

        // OpenAI has not been polled and Bedrock is AWS's bill, so both are on top of Anthropic's; 5 March is not billed yet.
        Assert.Equal(62.29m + 1.25m + 3.3m, await h.OrgUsdAsync(Day1));
        Assert.Equal(2m, await h.OrgUsdAsync(new(2026, 3, 5)));
        Assert.Equal(0m, (await RowAsync("wrkspc_01BudgetBotEngineering")).Decimal("reportedUsd"));
    }

    private async Task<decimal> DayUsdAsync(DateOnly day) => await h.OrgUsdAsync(day);

    private async Task<System.Text.Json.JsonElement> RowAsync(string account) =>
        (await client.GetJsonAsync("/api/reports/reconciliation?from=2026-03-02&to=2026-03-03")).GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("account").GetString() == account);
}
