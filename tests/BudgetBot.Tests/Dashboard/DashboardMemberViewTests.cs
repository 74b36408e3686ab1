using System.Globalization;
using System.Net;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Dashboard;

// A member signed in with GitHub sees their teams' figures on every page and in the CSV, equal to the
// API's for those teams, and nothing of other teams; a lead still sees everything.
public sealed class DashboardMemberViewTests : IAsyncLifetime
{
    private MemberDashboard d = null!;

    public async ValueTask InitializeAsync() => d = await MemberDashboard.StartAsync();

    public async ValueTask DisposeAsync() => await d.DisposeAsync();

    [Fact]
    public async Task Overview_ShowsTheTeamsBudgets_WithTheApisFigures_AndNoOrgGaps()
    {
        var page = await (await d.SignInAsync("dev-a")).PageAsync("/dashboard");

        Assert.Equal(["platform"], page.QuerySelectorAll("[data-budget]").Select(c => c.GetAttribute("data-budget")));
        var api = await d.Api.GetJsonAsync("/api/budgets/platform");
        var card = page.QuerySelector("[data-budget='platform']")!;
        Assert.Equal(Usd(api.Decimal("spentUsd")), card.QuerySelector(".spent")!.TextContent);
        Assert.Equal(Usd(api.Decimal("grantedUsd")), card.QuerySelector(".granted")!.TextContent);
        Assert.Equal(Usd(api.Decimal("limitUsd")), card.QuerySelector(".limit")!.TextContent);
        Assert.Equal("$142.50", card.QuerySelector(".spent")!.TextContent);
        Assert.Null(page.QuerySelector("#gap-unpriced"));
        Assert.Null(page.QuerySelector("#gap-unattributed"));
        Assert.Contains("platform", page.QuerySelector("#team-view")!.TextContent, StringComparison.Ordinal);

        // A repository budget belongs to the team owning the repository; several teams add up.
        var growth = await (await d.SignInAsync("dev-b")).PageAsync("/dashboard");
        Assert.Equal(["growth-web"], growth.QuerySelectorAll("[data-budget]").Select(c => c.GetAttribute("data-budget")));
        Assert.Equal("$4.00", growth.QuerySelector("[data-budget='growth-web'] .spent")!.TextContent);
        var both = await (await d.SignInAsync("both-teams")).PageAsync("/dashboard");
        Assert.Equal(["platform", "growth-web"], both.QuerySelectorAll("[data-budget]").Select(c => c.GetAttribute("data-budget")));
    }

    [Fact]
    public async Task ALead_StillSeesEveryBudgetAndTheGaps()
    {
        var page = await (await d.SignInAsync("lead-gh")).PageAsync("/dashboard");

        var all = (await d.Api.GetJsonAsync("/api/budgets")).EnumerateArray().Select(b => b.GetProperty("id").GetString()).ToList();
        Assert.Equal(all, page.QuerySelectorAll("[data-budget]").Select(c => c.GetAttribute("data-budget")));
        Assert.Contains("everything", all);
        Assert.NotNull(page.QuerySelector("#gap-unpriced"));
        var requests = await (await d.SignInAsync("lead-gh")).PageAsync("/dashboard/requests");
        Assert.NotNull(requests.QuerySelector("#audit"));
        Assert.Equal(2, requests.QuerySelectorAll("#grants tbody tr").Length);
    }

    [Theory]
    [InlineData("growth-web")]
    [InlineData("everything")]
    [InlineData("review-agents")]
    public async Task BudgetDetail_OfABudgetNotTheirs_Is404_LikeABudgetThatDoesNotExist(string id)
    {
        var session = await d.SignInAsync("dev-a");
        Assert.NotNull((await session.PageAsync("/dashboard/budgets/platform")).QuerySelector("#history"));

        var hidden = await session.Client.GetAsync("/dashboard/budgets/" + id, TestContext.Current.CancellationToken);
        var missing = await session.Client.GetAsync("/dashboard/budgets/nope", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // The same answer as for a budget that does not exist, so it tells nothing of the other one.
        Assert.Equal(await WithoutTraceAsync(missing), await WithoutTraceAsync(hidden));
        Assert.DoesNotContain(id, await hidden.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spend_AndItsCsv_HoldOnlyTheTeamsRows_EqualToTheApisForThatTeam()
    {
        var session = await d.SignInAsync("dev-a");
        var page = await session.PageAsync("/dashboard/spend?from=2026-03-01&to=2026-03-11&groupBy=team,repo");

        var keys = page.QuerySelectorAll("#spend-table tbody tr td:first-child").Select(td => td.TextContent).ToList();
        Assert.Equal(["platform / acme/api"], keys);
        var report = (await d.Api.GetStringAsync("/api/reports/spend.csv?from=2026-03-01&to=2026-03-12&groupBy=team", TestContext.Current.CancellationToken))
            .TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => decimal.Parse(f[3], CultureInfo.InvariantCulture));
        Assert.Equal(Usd(report["platform"]), page.QuerySelector("#spend-total")!.TextContent);
        Assert.True(report.ContainsKey("growth"), "the API, with a token, still sees every team");

        var csv = await session.Client.GetStringAsync(page.QuerySelector("#csv")!.GetAttribute("href")!, TestContext.Current.CancellationToken);
        Assert.Equal(
            "day,team_repo,costUsd,events,unpricedEvents\n" +
            "2026-03-02,platform / acme/api,100.000000,1,0\n" +
            "2026-03-09,platform / acme/api,30.000000,1,0\n" +
            "2026-03-10,platform / acme/api,12.500000,1,0\n", csv);
    }

    [Theory]
    [InlineData("team=growth")]
    [InlineData("repo=acme/web")]
    [InlineData("team=unassigned")]
    public async Task Spend_FilteredToAnotherTeam_ShowsNothing_NotTheirFigures(string filter)
    {
        var session = await d.SignInAsync("dev-a");
        var page = await session.PageAsync("/dashboard/spend?from=2026-03-01&to=2026-03-11&groupBy=repo&" + filter);

        Assert.Empty(page.QuerySelectorAll("#spend-table tbody tr"));
        Assert.Equal("$0.00", page.QuerySelector("#spend-total")!.TextContent);
        var csv = await session.Client.GetStringAsync("/dashboard/spend.csv?from=2026-03-01&to=2026-03-11&groupBy=repo&" + filter, TestContext.Current.CancellationToken);
        Assert.Equal("day,repo,costUsd,events,unpricedEvents\n", csv);
    }

    [Fact]
    public async Task Units_ShowTheTeamsRepositories_WithTheApisFigures_AndTheirModelMix()
    {
        var page = await (await d.SignInAsync("dev-a")).PageAsync("/dashboard/units?from=2026-03-01&to=2026-03-11");

        var byRepo = page.QuerySelectorAll("#run-by-repo tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        var api = (await d.Api.GetJsonAsync("/api/units?groupBy=repo&from=2026-03-01&to=2026-03-12")).GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString()!, g => g.Decimal("spendUsd"));
        Assert.Equal(["acme/api"], byRepo.Select(r => r[0]));
        Assert.Equal(Usd(api["acme/api"]), byRepo[0][2]);
        Assert.True(api.ContainsKey("acme/web"), "the API, with a token, still sees every repository");
        Assert.Equal(["claude-review"], page.QuerySelectorAll("#run-by-workflow tbody tr td:first-child").Select(td => td.TextContent));
        var mix = page.QuerySelectorAll("#model-mix tbody tr").Select(r => r.QuerySelectorAll("td")[1].TextContent).ToList();
        Assert.DoesNotContain("gpt-5", mix);
        Assert.NotEmpty(mix);
    }

    [Fact]
    public async Task Pulls_ListOnlyTheTeamsPrs_AndAnotherTeamsPrIs404()
    {
        var session = await d.SignInAsync("dev-b");
        var page = await session.PageAsync("/dashboard/pulls");

        Assert.Equal(["acme/web#3"], page.QuerySelectorAll("#open-prs tbody tr td:first-child a").Select(a => a.TextContent));
        Assert.Equal("$4.00", page.QuerySelector("#open-prs tbody tr")!.QuerySelectorAll("td")[3].TextContent);
        Assert.Contains("$4.00", (await session.PageAsync("/dashboard/pulls/acme/web/3")).QuerySelector("#comment")!.TextContent, StringComparison.Ordinal);

        var other = await session.Client.GetAsync("/dashboard/pulls/acme/api/7", TestContext.Current.CancellationToken);
        var missing = await session.Client.GetAsync("/dashboard/pulls/acme/api/999", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(await WithoutTraceAsync(missing), await WithoutTraceAsync(other));
    }

    [Fact]
    public async Task Requests_ShowTheTeamsRequestsAndGrants_NotTheAuditLedgerOrExperiments()
    {
        var page = await (await d.SignInAsync("dev-a")).PageAsync("/dashboard/requests");

        Assert.Equal(["platform"], page.QuerySelectorAll("#pending tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent));
        Assert.Equal(["platform"], page.QuerySelectorAll("#grants tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Null(page.QuerySelector("#audit"));
        Assert.Null(page.QuerySelector("#experiments"));
        Assert.NotNull(page.QuerySelector("#member-ledger"));
        Assert.DoesNotContain("growth push", page.Body!.TextContent, StringComparison.Ordinal);
    }

    // A 404's body (problem details from the status-code pages), its request's trace id taken out.
    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response) =>
        response.Content.Headers.ContentType + " " + System.Text.RegularExpressions.Regex.Replace(
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "\"traceId\":\"[^\"]*\"", "");

    private static string Usd(decimal v) => BudgetBot.Dashboard.Fmt.Usd(v);
}
