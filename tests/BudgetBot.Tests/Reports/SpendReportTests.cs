using System.Net;
using BudgetBot.Auth;
using BudgetBot.Dashboard;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Reports;

public sealed class SpendReportTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        await client.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: "2026-03-02T10:00:00Z").With("costUsd", 2).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", 1),
            Event("b", occurredAt: "2026-03-02T11:00:00Z").With("costUsd", 3).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", 2),
            Event("c", occurredAt: "2026-03-03T09:00:00Z").With("costUsd", 10).With("repo", "acme/web").With("workflow", "=cmd|' /C calc'!A0"),
            Event("d", occurredAt: "2026-02-27T09:00:00Z").With("costUsd", 100).With("repo", "acme/api")));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<string[]> CsvAsync(string query)
    {
        var response = await client.GetAsync("/api/reports/spend.csv?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n');
    }

    [Fact]
    public async Task GroupsByWorkflow_WithinTheRange_MostExpensiveFirst_FormulaSafe()
    {
        var lines = await CsvAsync("from=2026-03-01&to=2026-03-31&groupBy=workflow");
        Assert.Equal("workflow,events,runs,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unpricedEvents" +
            ",successfulRuns,costPerSuccessfulRunUsd,failedOrCancelledRuns,spendOnFailedOrCancelledRunsUsd,mergedPrs,costPerMergedPrUsd,closedUnmergedPrs,spendOnClosedUnmergedPrsUsd", lines[0]);
        Assert.Equal("'=cmd|' /C calc'!A0,1,0,10.000000,0,0,0,0,0,,,,,,,,", lines[1]);
        Assert.Equal("claude-review,2,2,5.000000,0,0,0,0,0,0,,0,0.000000,0,,0,0.000000", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Theory]
    [InlineData("pr", "acme/api#7,2,2,5.000000")]
    [InlineData("day", "2026-03-02,2,2,5.000000")]
    [InlineData("team", "growth,1,0,10.000000")]
    public async Task GroupsByEachDimension(string groupBy, string expectedLinePrefix)
    {
        var lines = await CsvAsync($"from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z&groupBy={groupBy}");
        Assert.Contains(lines, l => l.StartsWith(expectedLinePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadQuery_ListsEveryProblem()
    {
        var response = await client.GetAsync("/api/reports/spend.csv?from=yesterday&groupBy=actor", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.ReadAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString());
        Assert.Equal(["from", "groupBy"], fields);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    public void Quote_EscapesCsvAndFormulas(string value, string expected) => Assert.Equal(expected, SpendCsv.Quote(value));
}
