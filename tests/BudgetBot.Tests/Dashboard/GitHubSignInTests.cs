using System.Net;
using System.Web;
using BudgetBot.Dashboard;
using BudgetBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Dashboard;

// "Sign in with GitHub" through the real OAuth handler; GitHub's token, user and membership
// endpoints are a fake at the HTTP edge that records what was asked.
public sealed class GitHubSignInTests : IAsyncDisposable
{
    private readonly FakeGitHubOAuth github = new();
    private readonly TestApp app;

    public GitHubSignInTests() => app = new TestApp(
        TestPolicy.Default.Replace("users: { octocat: U0OCTO }", "users: { octocat: U0OCTO, lead-gh: U0LEAD1 }", StringComparison.Ordinal),
        new Dictionary<string, string?> { ["GitHub:ClientId"] = "Iv1.client", ["GitHub:ClientSecret"] = "secret" })
    {
        ConfigureTestServices = s => s.Configure<OAuthOptions>(GitHubSignIn.Scheme, o => o.BackchannelHttpHandler = github),
    };

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task WithoutAClient_ThereIsNoGitHubButton()
    {
        await using var plain = new TestApp();
        var session = new DashboardSession(plain);
        Assert.Null((await session.PageAsync("/dashboard/signin")).QuerySelector("#signin-github"));
    }

    // Since members see their teams' pages (DashboardViewer), every active member of the organisation is
    // admitted, leads and members of no team alike; only outsiders are refused.
    [Theory]
    [InlineData("lead-gh", true)]
    [InlineData("octocat", true)]
    [InlineData("stranger", false)]
    public async Task AMemberOfTheInstallationsOrg_IsSignedIn_OutsidersAreRefused(string login, bool admitted)
    {
        await FakeGitHubOAuth.InstallAsync(app);
        github.Login = login;
        // The correlation cookie expires 15 minutes after the app's clock; the client's cookie jar
        // reads the real one, so the two must agree or the jar drops the cookie as already expired.
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var session = new DashboardSession(app);

        var challenge = await session.PostFormAsync("/dashboard/signin", "/dashboard/signin/github", new Dictionary<string, string>());
        var authorize = challenge.Headers.Location!;
        Assert.Equal("https://github.com/login/oauth/authorize", authorize.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("Iv1.client", query["client_id"]);
        Assert.Equal("read:org", query["scope"]);
        var callback = await session.Client.GetAsync($"/dashboard/signin-github?code=abc&state={Uri.EscapeDataString(query["state"]!)}", TestContext.Current.CancellationToken);

        Assert.Equal(admitted ? "/dashboard" : "/dashboard/signin?failed=1", callback.Headers.Location!.ToString());
        Assert.Equal(admitted ? HttpStatusCode.OK : HttpStatusCode.Redirect, (await session.Client.GetAsync("/dashboard", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Contains("/user/memberships/orgs/acme", github.Requests);
    }
}
