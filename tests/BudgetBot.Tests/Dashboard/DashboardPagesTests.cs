using System.Globalization;
using System.Net;
using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Dashboard;

// Every page rendered through the real pipeline, its figures checked against the API for the same data.
public sealed class DashboardPagesTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private DashboardSession session = null!;
    private HttpClient api = null!;

    public async ValueTask InitializeAsync()
    {
        api = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        await api.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: "2026-03-09T10:00:00Z").With("costUsd", 30).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "11").With("provider", "anthropic"),
            Event("b", occurredAt: "2026-03-10T11:00:00Z").With("costUsd", 12.5).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "12").With("provider", "anthropic"),
            Event("c", model: "gpt-5", occurredAt: "2026-03-10T09:00:00Z").With("costUsd", 4).With("repo", "acme/web").With("pr", 3).With("workflow", "codex").With("runId", "13").With("provider", "openai"),
            Event("d", occurredAt: "2026-03-02T09:00:00Z").With("costUsd", 100).With("repo", "acme/api")));
        var grants = app.Get<GrantStore>();
        await app.Get<Database>().WriteAsync((c, tx) => grants.AddAsync(c, tx,
            new Grant("review-agents", 25_000_000, new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero), app.Clock.GetUtcNow(), null, "manual", "launch week", null, "U0LEAD1"),
            app.Clock.GetUtcNow()));
        session = new DashboardSession(app);
        await session.SignInAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Overview_ShowsEveryBudget_WithTheApisFigures()
    {
        var page = await session.PageAsync("/dashboard");
        var budgets = await api.GetJsonAsync("/api/budgets");

        foreach (var b in budgets.EnumerateArray())
        {
            var card = page.QuerySelector($"[data-budget='{b.GetProperty("id").GetString()}']");
            Assert.NotNull(card);
            Assert.Equal(Usd(b.Decimal("spentUsd")), card.QuerySelector(".spent")!.TextContent);
            Assert.Equal(Usd(b.Decimal("grantedUsd")), card.QuerySelector(".granted")!.TextContent);
            Assert.Equal(Usd(b.Decimal("limitUsd")), card.QuerySelector(".limit")!.TextContent);
            Assert.Equal(Usd(b.Decimal("reservedUsd")), card.QuerySelector(".reserved")!.TextContent);
            Assert.Equal(Usd(b.Decimal("projectedUsd")), card.QuerySelector(".projected")!.TextContent);
            Assert.Equal(b.GetProperty("state").GetString(), card.QuerySelector(".state")!.TextContent);
            Assert.Equal(b.GetProperty("enforcement").GetString(), card.QuerySelector(".enforcement")!.TextContent);
            Assert.NotNull(card.QuerySelector("svg polyline.bd-actual"));
            Assert.NotNull(card.QuerySelector("svg line.bd-projection"));
        }
        Assert.Equal("$42.50", page.QuerySelector("[data-budget='review-agents'] .spent")!.TextContent);
        Assert.Equal("$25.00", page.QuerySelector("[data-budget='review-agents'] .granted")!.TextContent);
    }

    [Fact]
    public async Task Overview_SaysWhenABudgetIsProjectedToExceed()
    {
        // review-agents: $42.50 in 2.5 days of a week against $125 projects to $119; add $20 more.
        await api.PostJsonAsync("/api/usage", Event("e", occurredAt: "2026-03-11T11:00:00Z").With("costUsd", 20).With("workflow", "claude-review"));
        var page = await session.PageAsync("/dashboard");

        // $62.50 over 60 hours is ~$1.04/h; the $62.50 left lasts 60 more hours: 2026-03-14 00:00.
        Assert.Equal("Projected to exceed on 2026-03-14 00:00", page.QuerySelector("[data-budget='review-agents'] .exceeds")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-budget='everything'] .exceeds"));
    }

    [Fact]
    public async Task Overview_ShowsTheThreeGaps_LinkingToTheirDetail()
    {
        await api.PostJsonAsync("/api/usage", Batch(
            Event("u1", model: "mystery-model-1").With("repo", "elsewhere/x"),
            Event("u2").With("costUsd", 7).With("repo", "elsewhere/y")));
        var page = await session.PageAsync("/dashboard");

        Assert.Equal("1", page.QuerySelector("#gap-unpriced")!.TextContent);
        Assert.Equal("$7.00", page.QuerySelector("#gap-unattributed")!.TextContent);
        Assert.Equal("$0.00", page.QuerySelector("#gap-reconciliation")!.TextContent);
        var unattributed = await session.PageAsync(page.QuerySelector("#gap-unattributed")!.GetAttribute("href")!);
        Assert.Equal("$7.00", unattributed.QuerySelector("#spend-total")!.TextContent);
    }

    [Fact]
    public async Task Spend_TableTotals_MatchTheSpendReport_AndTheCsvIsWhatIsShown()
    {
        var page = await session.PageAsync("/dashboard/spend?from=2026-03-01&to=2026-03-11&groupBy=team");
        var rows = page.QuerySelectorAll("#spend-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        var report = (await (await api.GetAsync("/api/reports/spend.csv?from=2026-03-01&to=2026-03-12&groupBy=team", TestContext.Current.CancellationToken))
            .Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n').Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => decimal.Parse(f[3], CultureInfo.InvariantCulture));

        Assert.Equal(report.Count, rows.Count);
        foreach (var r in rows)
        {
            Assert.Equal(Usd(report[r[0]]), r[1]);
        }
        Assert.Equal("$146.50", page.QuerySelector("#spend-total")!.TextContent);
        Assert.Equal(4, page.QuerySelectorAll("svg rect").Length);

        var csv = await session.Client.GetStringAsync(page.QuerySelector("#csv")!.GetAttribute("href")!, TestContext.Current.CancellationToken);
        Assert.Equal(
            "day,team,costUsd,events,unpricedEvents\n" +
            "2026-03-02,platform,100.000000,1,0\n" +
            "2026-03-09,platform,30.000000,1,0\n" +
            "2026-03-10,platform,12.500000,1,0\n" +
            "2026-03-10,growth,4.000000,1,0\n", csv);
    }

    [Fact]
    public async Task Spend_GroupsBySeveralDimensions_AndFilters()
    {
        var page = await session.PageAsync("/dashboard/spend?from=2026-03-01&to=2026-03-11&groupBy=repo,model&provider=anthropic");
        var keys = page.QuerySelectorAll("#spend-table tbody tr td:first-child").Select(td => td.TextContent).ToList();

        Assert.Equal(["acme/api / claude-sonnet-4-5"], keys);
        // The $100 event names no provider: the one inferred from its model (anthropic) is stored and filters.
        Assert.Equal("$142.50", page.QuerySelector("#spend-total")!.TextContent);
    }

    [Theory]
    [InlineData("groupBy=colour", "groupBy 'colour' is unknown")]
    [InlineData("from=2024-01-01&to=2026-03-11", "at most 400 days")]
    [InlineData("from=2026-03-11&to=2026-03-01", "to must not be before from")]
    [InlineData("from=yesterday", "from 'yesterday' is not a date")]
    [InlineData("bucket=hour&from=2026-01-01&to=2026-03-11", "Hour buckets cover at most 14 days")]
    public async Task Spend_BadInput_AnswersWithThePageAndAClearMessage_AndTheApiWith400(string query, string message)
    {
        var response = await session.Client.GetAsync("/dashboard/spend?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await DashboardSession.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form.filters"));

        var problem = await api.GetAsync("/api/reports/spend-series.csv?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await problem.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spend_HourBuckets_AreHoursOfThePolicyZone()
    {
        var csv = await api.GetStringAsync("/api/reports/spend-series.csv?from=2026-03-10&to=2026-03-10&bucket=hour&groupBy=workflow", TestContext.Current.CancellationToken);
        Assert.Equal("hour,workflow,costUsd,events,unpricedEvents\n2026-03-10 09:00,codex,4.000000,1,0\n2026-03-10 11:00,claude-review,12.500000,1,0\n", csv);
    }

    [Fact]
    public async Task BudgetDetail_ShowsThresholdsHistoryAndAlerts()
    {
        var page = await session.PageAsync("/dashboard/budgets/review-agents");
        Assert.Equal("80%, 100%", page.QuerySelector("#thresholds")!.TextContent);
        var history = page.QuerySelectorAll("#history tbody tr").ToList();
        Assert.Equal(6, history.Count);
        // The week before (2–9 March) holds event d, which has no workflow: nothing for review-agents.
        Assert.Equal("$0.00", history[0].QuerySelectorAll("td")[1].TextContent);
        Assert.NotNull(page.QuerySelector("svg polyline.bd-actual"));

        var missing = await session.Client.GetAsync("/dashboard/budgets/nope", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Units_ShowCostPerRunAndModelMix()
    {
        var page = await session.PageAsync("/dashboard/units?from=2026-03-01&to=2026-03-11");
        var review = page.QuerySelectorAll("#run-by-workflow tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray())
            .Single(r => r[0] == "claude-review");
        Assert.Equal(["claude-review", "2", "$42.50", "$12.50", "$30.00"], review);
        var mix = page.QuerySelectorAll("#model-mix tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent))).ToList();
        Assert.Contains("codex|gpt-5|$4.00|100.0%", mix);
    }

    [Fact]
    public async Task Pulls_ListTheCostliest_AndLinkToTheCommentAndGitHub()
    {
        var page = await session.PageAsync("/dashboard/pulls");
        var first = page.QuerySelector("#open-prs tbody tr")!;
        Assert.Equal("acme/api#7", first.QuerySelector("td a")!.TextContent);
        Assert.Equal("$42.50", first.QuerySelectorAll("td")[3].TextContent);
        Assert.Equal("https://github.com/acme/api/pull/7", first.QuerySelectorAll("a")[1].GetAttribute("href"));

        var detail = await session.PageAsync(first.QuerySelector("td a")!.GetAttribute("href")!);
        Assert.Contains("$42.50", detail.QuerySelector("#comment")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://github.com/acme/api/pull/7", detail.QuerySelector("#github")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Requests_ShowGrants_AndASearchableAuditLedger_AsTheApiDoes()
    {
        var page = await session.PageAsync("/dashboard/requests?q=launch");
        Assert.Equal("review-agents", page.QuerySelector("#grants tbody tr td")!.TextContent);
        var audit = page.QuerySelectorAll("#audit tbody tr").ToList();
        Assert.Single(audit);
        Assert.Equal("grant.added", audit[0].QuerySelectorAll("td")[2].TextContent);

        var json = await api.GetJsonAsync("/api/audit?q=launch");
        Assert.Equal("grant.added", Assert.Single(json.EnumerateArray()).GetProperty("action").GetString());
        Assert.Empty((await session.PageAsync("/dashboard/requests?q=nothing-like-this")).QuerySelectorAll("#audit tbody tr"));
    }

    [Fact]
    public async Task AuditApi_NeedsReadScope_AndRejectsBadInputWithEveryProblem()
    {
        var ingest = await app.ClientWithScopesAsync(Scopes.Ingest);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingest.GetAsync("/api/audit", TestContext.Current.CancellationToken)).StatusCode);
        var bad = await api.GetAsync("/api/audit?from=soon&limit=0", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("from 'soon' is not a date", body, StringComparison.Ordinal);
        Assert.Contains("limit must be between 1 and 200", body, StringComparison.Ordinal);
        var fields = (await bad.ReadAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString());
        Assert.Equal(["from", "limit"], fields);
    }

    private static string Usd(decimal v) => BudgetBot.Dashboard.Fmt.Usd(v);
}
