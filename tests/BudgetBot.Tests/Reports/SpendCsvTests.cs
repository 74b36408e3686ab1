using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Reports;

// spend.csv with several groupBy dimensions and day buckets of the policy's time zone, read from the
// dashboard's rollups. Berlin's 2025 DST days are 23 hours (March 30) and 25 hours (October 26).
public sealed class SpendCsvTests : IAsyncLifetime
{
    private readonly TestApp app = new(TestPolicy.Default.Replace("timezone: UTC", "timezone: Europe/Berlin", StringComparison.Ordinal));
    private HttpClient client = null!;

    public async ValueTask InitializeAsync()
    {
        client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        var response = await client.PostJsonAsync("/api/usage", Batch(
            // 23:30 on March 29 in Berlin (CET), then 00:30 and 23:30 of the 23-hour March 30 (CEST), then 00:30 on March 31.
            Event("a", occurredAt: "2025-03-29T22:30:00Z").With("costUsd", 1).With("repo", "acme/api").With("workflow", "claude-review").With("runId", 1).With("pr", 7),
            Event("b", occurredAt: "2025-03-29T23:30:00Z").With("costUsd", 2).With("repo", "acme/api").With("workflow", "claude-review").With("runId", 1).With("pr", 7),
            Event("c", model: "gpt-5", occurredAt: "2025-03-30T21:30:00Z").With("costUsd", 4).With("repo", "acme/web").With("runId", 2),
            Event("d", occurredAt: "2025-03-30T22:30:00Z").With("costUsd", 8).With("repo", "acme/web"),
            // 00:30 and 23:30 of the 25-hour October 26 (CEST, then CET), then 00:30 on October 27.
            Event("e", occurredAt: "2025-10-25T22:30:00Z").With("costUsd", 16).With("repo", "acme/api"),
            Event("f", occurredAt: "2025-10-26T22:30:00Z").With("costUsd", 32).With("repo", "acme/api"),
            Event("g", occurredAt: "2025-10-26T23:30:00Z").With("costUsd", 64).With("repo", "acme/api")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<string[]> CsvAsync(string query)
    {
        var response = await client.GetAsync("/api/reports/spend.csv?" + query, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body.TrimEnd('\n').Split('\n');
    }

    [Fact]
    public async Task DayBuckets_FollowThePolicyZone_AcrossThe23HourDay()
    {
        var lines = await CsvAsync("from=2025-03-29&to=2025-04-01&groupBy=team&bucket=day");

        Assert.Equal(
        [
            "day,team,events,runs,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unpricedEvents",
            "2025-03-29,platform,1,1,1.000000,0,0,0,0,0",
            "2025-03-30,growth,1,1,4.000000,0,0,0,0,0",
            "2025-03-30,platform,1,1,2.000000,0,0,0,0,0",
            "2025-03-31,growth,1,0,8.000000,0,0,0,0,0",
        ], lines);
    }

    [Fact]
    public async Task DayBuckets_KeepBothEndsOfThe25HourDay_AndGroupByDayStillWorks()
    {
        var lines = await CsvAsync("from=2025-10-26&to=2025-10-28&groupBy=day");

        Assert.Equal(
        [
            "day,events,runs,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unpricedEvents",
            "2025-10-26,2,0,48.000000,0,0,0,0,0",
            "2025-10-27,1,0,64.000000,0,0,0,0,0",
        ], lines);
    }

    [Fact]
    public async Task SeveralDimensions_ListedOrRepeated_GiveTheSameFile()
    {
        var listed = await CsvAsync("from=2025-03-29&to=2025-04-01&groupBy=team,model");
        var repeated = await CsvAsync("from=2025-03-29&to=2025-04-01&groupBy=model&groupBy=team");

        Assert.Equal(listed, repeated);
        Assert.Equal(
        [
            "team_model,events,runs,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unpricedEvents",
            "growth / claude-sonnet-4-5,1,0,8.000000,0,0,0,0,0",
            "growth / gpt-5,1,1,4.000000,0,0,0,0,0",
            "platform / claude-sonnet-4-5,2,1,3.000000,0,0,0,0,0",
        ], listed);
    }

    [Fact]
    public async Task ByPullRequest_ThePrsAndTheRest_PerDay()
    {
        var lines = await CsvAsync("from=2025-03-29&to=2025-04-01&groupBy=pr,repo&bucket=day");

        Assert.Equal(
        [
            "day,repo_pr,events,runs,costUsd,inputTokens,outputTokens,cacheReadTokens,cacheWriteTokens,unpricedEvents",
            "2025-03-29,acme/api / acme/api#7,1,1,1.000000,0,0,0,0,0",
            "2025-03-30,acme/web / (none),1,1,4.000000,0,0,0,0,0",
            "2025-03-30,acme/api / acme/api#7,1,1,2.000000,0,0,0,0,0",
            "2025-03-31,acme/web / (none),1,0,8.000000,0,0,0,0,0",
        ], lines);
    }

    [Fact]
    public async Task Filters_NarrowTheRows()
    {
        var lines = await CsvAsync("from=2025-03-29&to=2025-04-01&groupBy=model&provider=openai");

        Assert.Equal("gpt-5,1,1,4.000000,0,0,0,0,0", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task BadQuery_Is400_ListingEveryProblem()
    {
        var response = await client.GetAsync("/api/reports/spend.csv?from=2024-01-01&to=2026-01-01&groupBy=team,colour&groupBy=actor&bucket=week",
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = (await response.ReadAsync()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("field").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(["bucket", "groupBy", "groupBy", "from"], problems.Select(p => p.Item1));
        Assert.Contains("at most 400 days", problems[3].Item2, StringComparison.Ordinal);
        Assert.Contains("'colour'", problems[1].Item2, StringComparison.Ordinal);
        Assert.Contains("'actor'", problems[2].Item2, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2025-04-01&to=2025-03-01", "to")]
    [InlineData("from=2025-03-01&to=2025-03-20&bucket=hour", "bucket")]
    [InlineData("to=0001-01-01T00:00:00Z", "to")]
    public async Task BadRanges_Are400(string query, string field)
    {
        var response = await client.GetAsync("/api/reports/spend.csv?" + query, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }
}
