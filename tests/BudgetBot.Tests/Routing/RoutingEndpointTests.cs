using System.Net;
using System.Text.Json;
using BudgetBot.Alerts;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Routing;

// GET /api/routing, the digest's routing lines and pre-flight's suggestedModel, end to end: usage priced
// by the embedded catalog at ingestion, read back from the hourly rollup.
public sealed class RoutingEndpointTests : IAsyncLifetime
{
    internal static readonly string Policy = TestPolicy.Default.Replace("approvals:\n", """
          - id: triage
            scope: workflow:triage-bot
            amountUsd: 10
            period: "0 0 1 * *"
            thresholds: [50, 80, 100]
            enforcement: soft
        approvals:

        """, StringComparison.Ordinal) + """

        routing:
          - workflow: "triage-*"
            prefer: [claude-haiku-4-5, gpt-5-mini]
            maxFrontierShare: 0.5
            suggestAtPercent: 80
        """;

    private readonly TestApp app = new(Policy);
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static Dictionary<string, object?> Tokens(string id, string workflow, string model, long input, long output = 0, long read = 0, long w5 = 0, long w1 = 0) =>
        Event(id, model: model).With("repo", "acme/api").With("workflow", workflow).With("inputTokens", input).With("outputTokens", output)
            .With("cacheReadTokens", read).With("cacheWrite5mTokens", w5).With("cacheWrite1hTokens", w1);

    private async Task IngestAsync(params object[] events) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/usage", Batch(events))).StatusCode);

    [Fact]
    public async Task Routing_AnswersTheMixAndTheWhatIfs_PricedToTheMicroDollar()
    {
        await IngestAsync(
            Tokens("s1", "triage-bot", "claude-sonnet-4-5-20250929", 1_234_567, 89_012, 3_456_789, 12_345, 6_789),
            Tokens("g1", "triage-bot", "gpt-5", 333_333, 77_777, 1_111_111),
            Event("c1").With("costUsd", 1).With("repo", "acme/api").With("workflow", "claude-review"));

        var answer = await client.GetJsonAsync("/api/routing?from=2026-03-11&to=2026-03-12");

        Assert.Equal(2, answer.GetProperty("count").GetInt32());
        var triage = answer.GetProperty("workflows")[0];
        Assert.Equal("triage-bot", triage.GetProperty("workflow").GetString());
        // $6.162945 on sonnet + $1.333325 on gpt-5 (RoutingAdvisorTests works both out).
        Assert.Equal(7.49627m, triage.Decimal("costUsd"));
        Assert.Equal((1m, 0.5m), (triage.Decimal("frontierShare"), triage.Decimal("maxFrontierShare")));
        var sonnet = triage.GetProperty("models")[0];
        // 4,799,502 of 6,321,723 tokens; 6,162,945 of 7,496,270 micro-dollars.
        Assert.Equal(("claude-sonnet-4-5", 4_799_502L, 0.7592m, 0.8221m), (sonnet.GetProperty("model").GetString(), sonnet.GetProperty("tokens").GetInt64(), sonnet.Decimal("tokenShare"), sonnet.Decimal("costShare")));
        var whatIfs = triage.GetProperty("whatIfs").EnumerateArray().ToList();
        Assert.Equal(("claude-haiku-4-5", 6.162945m, 2.054315m, 4.10863m), (whatIfs[0].GetProperty("model").GetString(), whatIfs[0].Decimal("actualUsd"), whatIfs[0].Decimal("whatIfUsd"), whatIfs[0].Decimal("savingUsd")));
        Assert.Equal(["claude-sonnet-4-5"], whatIfs[0].GetProperty("replaces").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(("gpt-5-mini", 1.06666m), (whatIfs[1].GetProperty("model").GetString(), whatIfs[1].Decimal("savingUsd")));
        var review = answer.GetProperty("workflows")[1];
        Assert.Equal(JsonValueKind.Null, review.GetProperty("prefer").ValueKind);
        Assert.Empty(review.GetProperty("whatIfs").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/routing?workflow=no-such-workflow", 0)]
    [InlineData("/api/routing?workflow=triage-bot&from=2026-03-12T00:00:00Z&to=2026-03-13T00:00:00Z", 0)]
    [InlineData("/api/routing?workflow=triage-bot", 1)]
    public async Task UnknownWorkflows_AnswerAnEmptyListWithCountZero(string url, int count)
    {
        await IngestAsync(Tokens("s1", "triage-bot", "claude-sonnet-4-5", 1_000));

        var answer = await client.GetJsonAsync(url);

        Assert.Equal(count, answer.GetProperty("count").GetInt32());
        Assert.Equal(count, answer.GetProperty("workflows").GetArrayLength());
    }

    [Fact]
    public async Task BadRanges_Answer400ListingEveryProblem()
    {
        var response = await client.GetAsync(new Uri("/api/routing?from=yesterday&to=2026-02-30", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\"from\"", body, StringComparison.Ordinal);
        Assert.Contains("\"to\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routing_NeedsTheReadScope()
    {
        var ingestOnly = await app.ClientWithScopesAsync(Scopes.Ingest);

        var response = await ingestOnly.GetAsync(new Uri("/api/routing", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Preflight_SuggestsTheFirstPreferredModel_OnceASoftBudgetOfItsScopeIsPastTheRulesPercent()
    {
        var before = await (await client.PostJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "triage-bot", estimateUsd = 0.5 })).ReadAsync();
        await IngestAsync(Event("t1").With("costUsd", 8.5).With("repo", "acme/api").With("workflow", "triage-bot"));

        var after = await (await client.PostJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "triage-bot", estimateUsd = 0.5 })).ReadAsync();
        var noRule = await (await client.PostJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "claude-review", estimateUsd = 0.5 })).ReadAsync();

        Assert.Equal(JsonValueKind.Null, before.GetProperty("suggestedModel").ValueKind);
        // $8.50 of the $10 triage budget is 85 %, past suggestAtPercent 80; the run is still allowed.
        Assert.True(after.GetProperty("allowed").GetBoolean());
        Assert.Equal("claude-haiku-4-5", after.GetProperty("suggestedModel").GetString());
        Assert.Equal(JsonValueKind.Null, noRule.GetProperty("suggestedModel").ValueKind);
    }

    [Fact]
    public async Task Digest_ShowsTheTeamsThreeLargestRoutingSavings()
    {
        // Sonnet $3 per 1M input, haiku $1: savings of $2, $4, $6 and $8.
        await IngestAsync(
            Tokens("a", "triage-a", "claude-sonnet-4-5", 1_000_000), Tokens("b", "triage-b", "claude-sonnet-4-5", 2_000_000),
            Tokens("c", "triage-c", "claude-sonnet-4-5", 3_000_000), Tokens("d", "triage-d", "claude-sonnet-4-5", 4_000_000));

        var digests = await app.Get<DigestBuilder>().BuildAsync(TestApp.Start, TestContext.Current.CancellationToken);

        var platform = digests.Single(d => d.Team == "platform");
        var text = SectionTexts(DigestMessage.Render(platform)).Single(t => t.StartsWith("*Routing savings*", StringComparison.Ordinal));
        Assert.Equal(
            [
                "*Routing savings* (the same tokens on a preferred model)",
                "1. `triage-d`: $12.00 on claude-sonnet-4-5 would have been $4.00 on claude-haiku-4-5, *$8.00 less*",
                "2. `triage-c`: $9.00 on claude-sonnet-4-5 would have been $3.00 on claude-haiku-4-5, *$6.00 less*",
                "3. `triage-b`: $6.00 on claude-sonnet-4-5 would have been $2.00 on claude-haiku-4-5, *$4.00 less*",
            ],
            text.Split('\n'));
        Assert.DoesNotContain(digests, d => d.Team == "growth" && d.Routing.Count > 0);
    }

    private static IEnumerable<string> SectionTexts(string payload) =>
        JsonDocument.Parse(payload).RootElement.GetProperty("blocks").EnumerateArray()
            .Where(b => b.TryGetProperty("text", out _)).Select(b => b.GetProperty("text").GetProperty("text").GetString()!).ToList();
}
