using System.Net;
using BudgetBot.Budgets;

namespace BudgetBot.Tests.Dashboard;

// An organisation member in no team of the policy is admitted and sees an empty state with no figures;
// the teams are worked out against the current policy on every request, so a reload narrows at once.
public sealed class DashboardNoTeamTests : IAsyncLifetime
{
    private const string EmptyState = "You are not in any team of the policy; ask a lead to add your GitHub login under teams.<id>.members.";

    private MemberDashboard d = null!;

    public async ValueTask InitializeAsync() => d = await MemberDashboard.StartAsync();

    public async ValueTask DisposeAsync() => await d.DisposeAsync();

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/spend?from=2026-03-01&to=2026-03-11")]
    [InlineData("/dashboard/units?from=2026-03-01&to=2026-03-11")]
    [InlineData("/dashboard/pulls")]
    [InlineData("/dashboard/pulls/acme/api/7")]
    [InlineData("/dashboard/requests")]
    [InlineData("/dashboard/budgets/platform")]
    public async Task AMemberOfNoTeam_SeesTheEmptyState_AndNoFigures(string url)
    {
        var session = await d.SignInAsync("octocat");
        var page = await session.PageAsync(url);

        Assert.Equal(EmptyState, page.QuerySelector("#no-team p")!.TextContent);
        var main = page.QuerySelector("main")!;
        Assert.DoesNotContain("$", main.TextContent, StringComparison.Ordinal);
        Assert.Empty(main.QuerySelectorAll("table, svg, [data-budget]"));
        // Still signed in as themselves, with a way out.
        Assert.Equal("octocat", page.QuerySelector("header form span")!.TextContent);
    }

    [Fact]
    public async Task AMemberOfNoTeam_DownloadsAnEmptyCsv()
    {
        var session = await d.SignInAsync("octocat");
        var csv = await session.Client.GetStringAsync("/dashboard/spend.csv?from=2026-03-01&to=2026-03-11&groupBy=team", TestContext.Current.CancellationToken);

        Assert.Equal("day,team,costUsd,events,unpricedEvents\n", csv);
    }

    [Fact]
    public async Task AnOutsider_IsStillRefused()
    {
        var session = new DashboardSession(d.App);
        var callback = await d.CallbackAsync(session, "stranger");

        Assert.Equal("/dashboard/signin?failed=1", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/dashboard", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task APolicyReload_ThatRemovesTheLogin_NarrowsTheOpenSessionAtOnce()
    {
        var session = await d.SignInAsync("dev-a");
        Assert.NotNull((await session.PageAsync("/dashboard")).QuerySelector("[data-budget='platform']"));
        Assert.Contains("platform", await session.Client.GetStringAsync("/dashboard/spend.csv?from=2026-03-01&to=2026-03-11", TestContext.Current.CancellationToken),
            StringComparison.Ordinal);

        await File.WriteAllTextAsync(d.App.PolicyPath, MemberDashboard.Policy.Replace("members: [Dev-A, both-teams]", "members: [both-teams]", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);
        Assert.True(d.App.Get<PolicyStore>().Reload());

        var page = await session.PageAsync("/dashboard");
        Assert.NotNull(page.QuerySelector("#no-team"));
        Assert.Null(page.QuerySelector("[data-budget]"));
        Assert.Equal("day,team,costUsd,events,unpricedEvents\n",
            await session.Client.GetStringAsync("/dashboard/spend.csv?from=2026-03-01&to=2026-03-11", TestContext.Current.CancellationToken));
        var detail = await session.PageAsync("/dashboard/budgets/platform");
        Assert.Null(detail.QuerySelector("#history"));
        Assert.DoesNotContain("$", detail.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
