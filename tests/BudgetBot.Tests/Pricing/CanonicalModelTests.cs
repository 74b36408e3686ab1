using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Pricing;

// Issue 11 part 4 / issue 10 item 17: one model, one name in reports, whatever the vendor prefix or
// date suffix; the raw id stays on the event. Through POST /api/usage and GET spend.csv.
public sealed class CanonicalModelTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task EverySpellingOfSonnet45_IsOneRowOfSpendCsv_AtEachProvidersPrice()
    {
        string[] ids = ["us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5@20250929", "anthropic/claude-sonnet-4.5",
            "claude-sonnet-4-5-20250929", "claude-sonnet-4-5"];
        await client.PostJsonAsync("/api/usage", Batch([.. ids.Select((id, i) =>
            Event($"e{i}", model: id).With("inputTokens", 1_000_000).With("outputTokens", 100_000).With("repo", "acme/api"))]));

        var response = await client.GetAsync("/api/reports/spend.csv?from=2026-03-01&to=2026-03-31&groupBy=model", TestContext.Current.CancellationToken);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n');

        // Bedrock $4.95 (regional rate) + four times $4.50.
        Assert.Equal(["claude-sonnet-4-5,5,0,22.950000"], lines.Skip(1).Select(l => string.Join(',', l.Split(',').Take(4))));
        var db = app.Get<Database>();
        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        var stored = (await c.QueryAsync<(string Model, string Raw)>("SELECT model, model_raw FROM usage_events ORDER BY event_id")).ToList();
        Assert.Equal(ids.Select(id => ("claude-sonnet-4-5", id)), stored.Select(s => (s.Model, s.Raw)));
    }

    [Fact]
    public async Task UnknownId_KeepsItsRawNameAsModel_AndTakesTheCanonicalOneWhenRepriced()
    {
        await client.PostJsonAsync("/api/usage", Event("future", model: "us.anthropic.claude-sonnet-9-20270101-v1:0").With("inputTokens", 1_000_000).With("repo", "acme/api"));
        var db = app.Get<Database>();
        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("us.anthropic.claude-sonnet-9-20270101-v1:0", await c.QuerySingleAsync<string>("SELECT model FROM usage_events"));

        app.Get<BudgetBot.Usage.PriceCatalogProvider>().Replace(PriceCatalogTestData.WithExtraModel("claude-sonnet-9", input: 2m, output: 10m));
        Assert.Equal(1, await app.Get<BudgetBot.Usage.Repricer>().RepriceAsync(TestContext.Current.CancellationToken));

        var row = await c.QuerySingleAsync<(string Model, string Raw, long Cost)>("SELECT model, model_raw, cost_micros FROM usage_events");
        Assert.Equal(("claude-sonnet-9", "us.anthropic.claude-sonnet-9-20270101-v1:0", 2_000_000L), row);
    }
}
