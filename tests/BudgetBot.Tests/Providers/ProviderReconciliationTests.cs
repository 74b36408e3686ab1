using System.Text.Json.Nodes;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Providers;

public sealed class ProviderReconciliationTests : IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2026, 3, 2);
    private static readonly DateOnly Day2 = new(2026, 3, 3);
    private readonly ProviderHarness h = new(split: true);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task AnthropicPoll_LeavesOrgTotalsEqualToTheBill_ReadingEveryPage()
    {
        await h.PollAsync("anthropic");

        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));
        Assert.Equal(24.15m, await h.OrgUsdAsync(Day2));
        Assert.Equal(
            ["2026-03-02:wrkspc_01BudgetBotCiAgents", "2026-03-02:wrkspc_01BudgetBotEngineering", "2026-03-03:wrkspc_01BudgetBotEngineering"],
            (await h.RemaindersAsync("anthropic")).Select(r => r.EventId));
        Assert.Equal(["growth", "platform", "platform"], (await h.RemaindersAsync("anthropic")).Select(r => r.Team));
        // Two reports, two pages each; the second page asked with the first page's token.
        Assert.Equal(4, h.Anthropic.Requests.Count);
        Assert.Equal(2, h.Anthropic.Requests.Count(r => r.RequestUri!.Query.Contains("page=page-2-token", StringComparison.Ordinal)));
        var first = h.Anthropic.Requests[0];
        Assert.Equal("anthropic.test", first.RequestUri!.Host);
        Assert.Equal(["sk-ant-admin-test-key"], first.Headers.GetValues("x-api-key"));
        Assert.Equal(["2023-06-01"], first.Headers.GetValues("anthropic-version"));
        Assert.Contains("starting_at=2026-03-01T00:00:00Z", first.RequestUri.Query, StringComparison.Ordinal);
        Assert.Contains("group_by[]=model&group_by[]=workspace_id", Uri.UnescapeDataString(first.RequestUri.Query), StringComparison.Ordinal);
        Assert.Contains("bucket_width=1d", first.RequestUri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAiPoll_LeavesOrgTotalEqualToTheBill_WithBearerKey()
    {
        await h.PollAsync("openai");

        Assert.Equal(7.075m, await h.OrgUsdAsync(Day1));
        var remainder = Assert.Single(await h.RemaindersAsync("openai"));
        Assert.Equal(("2026-03-02:proj_BudgetBotPaymentsApi01", 7_075_000L, "platform"), (remainder.EventId, remainder.CostMicros, remainder.Team));
        Assert.Equal(4, h.OpenAi.Requests.Count);
        Assert.All(h.OpenAi.Requests, r => Assert.Equal("Bearer sk-admin-openai-test", r.Headers.Authorization!.ToString()));
        Assert.Equal("api.openai.com", h.OpenAi.Requests[0].RequestUri!.Host);
        Assert.Contains("start_time=1772323200", h.OpenAi.Requests[0].RequestUri!.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondPoll_WithChangedNumbers_UpdatesTheRemainderInPlace()
    {
        await h.PollAsync("anthropic");
        var before = await h.RemaindersAsync("anthropic");
        // The provider revises day 1: Sonnet input 375.00 -> 475.00 cents, one dollar more.
        h.Anthropic.Serve("/v1/organizations/cost_report",
            FakeProviderApi.Fixture("anthropic-cost-report.json").Replace("\"375.00\"", "\"475.00\"", StringComparison.Ordinal), split: true);

        await h.PollAsync("anthropic");

        var after = await h.RemaindersAsync("anthropic");
        Assert.Equal(before.Select(r => (r.EventId, r.Id)), after.Select(r => (r.EventId, r.Id)));
        Assert.Equal(before[1].CostMicros + 1_000_000, after[1].CostMicros);
        Assert.Equal(63.29m, await h.OrgUsdAsync(Day1));
        Assert.Equal(24.15m, await h.OrgUsdAsync(Day2));
        var client = await h.App.ClientWithScopesAsync(Scopes.Read);
        Assert.Equal(63.29m + 24.15m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task AgentsOwnUsage_IsSubtracted_SoTotalsStillEqualTheBill_WhicheverArrivesFirst()
    {
        var client = await h.App.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        // Claude Code run on day 1 for acme/payments-api (team platform), reported before the poll.
        await client.PostJsonAsync("/api/usage", Event("run-1", source: "github-actions").With("costUsd", 0.797825)
            .With("repo", "acme/payments-api").With("occurredAt", "2026-03-02T15:00:00Z"));
        await h.PollAsync("anthropic");
        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));

        // Another run reported after the poll is taken out of the remainder at once (LateReportTests); the next poll agrees.
        await client.PostJsonAsync("/api/usage", Event("run-2", source: "github-actions").With("costUsd", 1.5)
            .With("repo", "acme/web").With("occurredAt", "2026-03-02T16:00:00Z"));
        await h.PollAsync("anthropic");

        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));
        var rows = (await client.GetJsonAsync("/api/reports/reconciliation?from=2026-03-02&to=2026-03-04")).GetProperty("rows");
        var engineering = rows.EnumerateArray().Single(r => r.GetProperty("account").GetString() == "wrkspc_01BudgetBotEngineering" && r.GetProperty("day").GetString() == "2026-03-02");
        Assert.Equal((0.797825m, 35.795m, 34.997175m), (engineering.Decimal("reportedUsd"), engineering.Decimal("billedUsd"), engineering.Decimal("remainderUsd")));
        var ci = rows.EnumerateArray().Single(r => r.GetProperty("account").GetString() == "wrkspc_01BudgetBotCiAgents");
        Assert.Equal((1.5m, 26.495m, 24.995m), (ci.Decimal("reportedUsd"), ci.Decimal("billedUsd"), ci.Decimal("remainderUsd")));
    }

    [Fact]
    public async Task ReportedAboveTheBill_BooksANegativeRemainder_SoTotalsEqualTheBill()
    {
        var client = await h.App.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        await client.PostJsonAsync("/api/usage", Event("big", source: "otel").With("costUsd", 30)
            .With("repo", "acme/api").With("occurredAt", "2026-03-03T09:00:00Z"));

        await h.PollAsync("anthropic");

        Assert.Equal(24.15m, await h.OrgUsdAsync(Day2));
        Assert.Equal(-5_850_000L, (await h.RemaindersAsync("anthropic"))[2].CostMicros);
    }

    [Fact]
    public async Task ReconciliationReport_GivesEffectiveRateAndGapToList()
    {
        await h.PollAsync("anthropic");
        await h.PollAsync("openai");
        var client = await h.App.ClientWithScopesAsync(Scopes.Read);

        var report = await client.GetJsonAsync("/api/reports/reconciliation?from=2026-03-02&to=2026-03-03");

        var totals = report.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("provider").GetString()!);
        var anthropic = totals["anthropic"];
        Assert.Equal((62.29m, 0m, 62.29m, 62.17m, 0.12m), (anthropic.Decimal("billedUsd"), anthropic.Decimal("reportedUsd"),
            anthropic.Decimal("remainderUsd"), anthropic.Decimal("listUsd"), anthropic.Decimal("gapToListUsd")));
        Assert.Equal(61_830_000L, anthropic.GetProperty("tokens").GetInt64());
        var openai = totals["openai"];
        Assert.Equal((7.075m, 7.075m, 0m, 10_140_000L), (openai.Decimal("billedUsd"), openai.Decimal("listUsd"), openai.Decimal("gapToListUsd"), openai.GetProperty("tokens").GetInt64()));
        Assert.Equal(0.6977m, openai.Decimal("effectiveUsdPerMTok"));
        var sonnetDay = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("account").GetString() == "wrkspc_01BudgetBotEngineering");
        Assert.Equal(("platform", "workspace", 0.7501m), (sonnetDay.GetProperty("team").GetString(), sonnetDay.GetProperty("accountKind").GetString(), sonnetDay.Decimal("effectiveUsdPerMTok")));
        Assert.Equal(3, report.GetProperty("rows").GetArrayLength());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-05&to=2026-03-01", "from")]
    [InlineData("to=2026-13-01", "to")]
    public async Task ReconciliationReport_RejectsBadRanges(string query, string field)
    {
        var client = await h.App.ClientWithScopesAsync(Scopes.Read);

        var response = await client.GetAsync("/api/reports/reconciliation?" + query, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync()).GetProperty("errors");
        Assert.Equal(field, errors[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task UnknownFieldsInReports_AreTolerated()
    {
        var usage = JsonNode.Parse(FakeProviderApi.Fixture("anthropic-usage-report.json"))!;
        usage["data"]![0]!["results"]![0]!["speed"] = "fast";
        usage["data"]![0]!["results"]![0]!["cache_creation"] = null;
        h.Anthropic.Serve("/v1/organizations/usage_report/messages", usage.ToJsonString());

        await h.PollAsync("anthropic");

        Assert.Equal(62.29m, await h.OrgUsdAsync(Day1));
    }
}
