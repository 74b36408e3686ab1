using System.Net;
using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Foresight;

// History before the review-agents week (it starts Monday 2026-03-09), so pre-flight has room.
public sealed class EstimatesEndpointTests : IAsyncLifetime
{
    private readonly TestApp app;
    private HttpClient client = null!;

    public EstimatesEndpointTests() : this(null)
    {
    }

    private EstimatesEndpointTests(string? policy) => app = new TestApp(policy);

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    // Six claude-review runs in acme/api of $1..$6 (two models in run 1, all on PR 12), one $50 triage
    // run, and one $1000 review run older than the 30-day window.
    private async Task SeedAsync()
    {
        var events = new List<object>();
        for (var i = 1; i <= 6; i++)
        {
            events.Add(Event($"r{i}", occurredAt: $"2026-03-0{i}T10:00:00Z").With("costUsd", i == 1 ? 0.25m : i).With("repo", "acme/api")
                .With("workflow", "claude-review").With("runId", 100 + i).With("pr", 12));
        }
        events.Add(Event("r1b", model: "claude-haiku-4-5", occurredAt: "2026-03-01T10:05:00Z").With("costUsd", 0.75m).With("repo", "acme/api")
            .With("workflow", "claude-review").With("runId", 101).With("pr", 12));
        events.Add(Event("t1", occurredAt: "2026-03-02T10:00:00Z").With("costUsd", 50).With("repo", "acme/api").With("workflow", "triage").With("runId", 200));
        events.Add(Event("old", occurredAt: "2026-02-01T10:00:00Z").With("costUsd", 1000).With("repo", "acme/api").With("workflow", "claude-review").With("runId", 99));
        events.Add(Event("no-run", occurredAt: "2026-03-02T10:00:00Z").With("costUsd", 70).With("repo", "acme/api").With("workflow", "claude-review"));
        var response = await client.PostJsonAsync("/api/usage", Batch([.. events]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Estimates_DescribeTheWorkflowsFinishedRunsInTheWindow()
    {
        await SeedAsync();

        var e = await client.GetJsonAsync("/api/estimates?workflow=claude-review&repo=acme/API");

        var runs = e.GetProperty("runs");
        Assert.Equal((6, 3m, 6m, 6m, 3.5m), (runs.GetProperty("count").GetInt32(), runs.Decimal("p50Usd"), runs.Decimal("p90Usd"), runs.Decimal("p99Usd"), runs.Decimal("meanUsd")));
        Assert.Equal((1, 21m), (e.GetProperty("prs").GetProperty("count").GetInt32(), e.GetProperty("prs").Decimal("p50Usd")));
        Assert.Equal(30, e.GetProperty("windowDays").GetInt32());
        var models = e.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!, m => m.GetProperty("runs"));
        Assert.Equal(1, models["claude-haiku-4-5"].GetProperty("count").GetInt32());
        Assert.Equal(0.75m, models["claude-haiku-4-5"].Decimal("p50Usd"));
        Assert.Equal(6, models["claude-sonnet-4-5"].GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("/api/estimates?workflow=no-such-workflow")]
    [InlineData("/api/estimates?repo=acme/unknown")]
    [InlineData("/api/estimates?workflow=claude-review&repo=acme/web")]
    public async Task UnknownWorkflowsAndRepositories_AnswerEmptyDistributions(string url)
    {
        await SeedAsync();

        var e = await client.GetJsonAsync(url);

        Assert.Equal(0, e.GetProperty("runs").GetProperty("count").GetInt32());
        Assert.Equal(0, e.GetProperty("prs").GetProperty("count").GetInt32());
        Assert.Empty(e.GetProperty("models").EnumerateArray());
    }

    [Fact]
    public async Task Estimates_NeedTheReadScope()
    {
        var ingestOnly = await app.ClientWithScopesAsync(Scopes.Ingest);

        var response = await ingestOnly.GetAsync(new Uri("/api/estimates", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<JsonElement> PreflightAsync(object body) =>
        await (await client.PostJsonAsync("/api/preflight", body)).ReadAsync();

    [Fact]
    public async Task Preflight_WithoutAnEstimate_ReservesTheWorkflowsP90_AndSaysSo()
    {
        await SeedAsync();

        var answer = await PreflightAsync(new { repo = "acme/api", workflow = "claude-review", runId = "900" });

        Assert.True(answer.GetProperty("allowed").GetBoolean());
        Assert.Equal(6m, answer.GetProperty("estimate").Decimal("usd"));
        Assert.Equal("p90 of 6 runs of claude-review in acme/api over 30 days", answer.GetProperty("estimate").GetProperty("basis").GetString());
        Assert.Equal(6m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));
    }

    [Fact]
    public async Task Preflight_WithTooFewRunsOfTheWorkflow_FallsBackToTheRepository_ThenToZero()
    {
        await SeedAsync();

        var repo = await PreflightAsync(new { repo = "acme/api", workflow = "lint" });
        var none = await PreflightAsync(new { repo = "acme/web", workflow = "claude-review" });

        // Seven runs in acme/api: the p90 (7th) is the $50 triage run.
        Assert.Equal(50m, repo.GetProperty("estimate").Decimal("usd"));
        Assert.Equal("p90 of 7 runs in acme/api over 30 days (only 0 runs of lint in acme/api)", repo.GetProperty("estimate").GetProperty("basis").GetString());
        Assert.Equal(0m, none.GetProperty("estimate").Decimal("usd"));
        Assert.Equal("0: no estimate given and too little history over 30 days (0 runs of claude-review in acme/web, 0 runs in acme/web; 5 needed)",
            none.GetProperty("estimate").GetProperty("basis").GetString());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("reservationId").ValueKind);
    }

    [Fact]
    public async Task Preflight_WithAnEstimate_UsesTheCallers()
    {
        await SeedAsync();

        var answer = await PreflightAsync(new { repo = "acme/api", workflow = "claude-review", estimateUsd = 2.5 });

        Assert.Equal(2.5m, answer.GetProperty("estimate").Decimal("usd"));
        Assert.Equal("the caller's estimate", answer.GetProperty("estimate").GetProperty("basis").GetString());
    }

    [Fact]
    public async Task Preflight_UsesThePercentileAndMinimumThePolicyChooses()
    {
        await using var p50 = new EstimatesEndpointTests(TestPolicy.Default + "\nestimates: { percentile: p50, minRuns: 2, windowDays: 7 }\n");
        await p50.InitializeAsync();
        await p50.SeedAsync();

        var answer = await p50.PreflightAsync(new { repo = "acme/api", workflow = "claude-review" });

        // 7 days back from 2026-03-11 12:00 leaves runs 5 and 6 ($5, $6): enough for minRuns 2, and p50 is the first.
        Assert.Equal(5m, answer.GetProperty("estimate").Decimal("usd"));
        Assert.Equal("p50 of 2 runs of claude-review in acme/api over 7 days", answer.GetProperty("estimate").GetProperty("basis").GetString());
    }
}
