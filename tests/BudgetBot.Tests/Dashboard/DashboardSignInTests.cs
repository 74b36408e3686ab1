using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Dashboard;

public sealed class DashboardSignInTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private DashboardSession session = null!;

    public ValueTask InitializeAsync()
    {
        session = new DashboardSession(app);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/spend")]
    [InlineData("/dashboard/units")]
    [InlineData("/dashboard/pulls")]
    [InlineData("/dashboard/requests")]
    [InlineData("/dashboard/budgets/platform")]
    [InlineData("/dashboard/spend.csv")]
    public async Task SignedOutVisitor_IsSentToSignIn(string url)
    {
        var response = await session.Client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/dashboard/signin?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAReadToken_SetsAnHttpOnlySecureSameSiteCookie_AndOpensTheOverview()
    {
        var response = await session.SignInAsync(Scopes.Read);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location!.ToString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("budgetbot.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await session.PageAsync("/dashboard");
        Assert.Equal("Budgets", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("bb_not-a-token")]
    [InlineData("")]
    public async Task SignIn_WithAnUnknownToken_ReturnsToTheFormWithAMessage_AndNoSession(string token)
    {
        var response = await session.PostFormAsync("/dashboard/signin", "/dashboard/signin", new Dictionary<string, string> { ["token"] = token });

        Assert.Equal("/dashboard/signin?failed=1", response.Headers.Location!.ToString());
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("budgetbot.session=", StringComparison.Ordinal)));
        var form = await session.PageAsync("/dashboard/signin?failed=1");
        Assert.Contains("unknown, revoked or lacks the read scope", form.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAnIngestOnlyToken_IsRefused()
    {
        var response = await session.SignInAsync(Scopes.Ingest);
        Assert.Equal("/dashboard/signin?failed=1", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_IsRejected_AndSetsNoSession()
    {
        var token = await app.Get<ApiTokenStore>().CreateAsync("lead", [Scopes.Read]);
        var response = await session.Client.PostAsync("/dashboard/signin",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/dashboard", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        await session.SignInAsync();
        var response = await session.PostFormAsync("/dashboard", "/dashboard/signout", new Dictionary<string, string>());

        Assert.Equal("/dashboard/signin", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/dashboard", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SignIn_ReturnsToALocalReturnUrl_ButNeverToAnotherSite()
    {
        Assert.True(BudgetBot.Dashboard.DashboardSignIn.IsLocal("/dashboard/spend"));
        Assert.False(BudgetBot.Dashboard.DashboardSignIn.IsLocal("//evil.example"));
        Assert.False(BudgetBot.Dashboard.DashboardSignIn.IsLocal("/\\evil.example"));
        Assert.False(BudgetBot.Dashboard.DashboardSignIn.IsLocal("https://evil.example"));
    }
}
