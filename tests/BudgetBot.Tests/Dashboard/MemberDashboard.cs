using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Dashboard;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Dashboard;

// The app and data of the member-view tests: platform (acme/api, member Dev-A) and growth (acme/web,
// member dev-b) each with spend, a PR, a budget, a grant and a pending request; lead-gh leads
// platform, octocat is an organisation member of no team, both-teams is in both.
internal sealed class MemberDashboard : IAsyncDisposable
{
    public static readonly string Policy = TestPolicy.Default
        .Replace("leads: [U0LEAD1]", "leads: [U0LEAD1]\n    members: [Dev-A, both-teams]", StringComparison.Ordinal)
        .Replace("leads: [U0LEAD2]", "leads: [U0LEAD2]\n    members: [dev-b, both-teams]", StringComparison.Ordinal)
        .Replace("  - id: review-agents", "  - id: growth-web\n    scope: repo:acme/web\n    amountUsd: 300\n    period: \"0 0 1 * *\"\n    enforcement: soft\n  - id: review-agents", StringComparison.Ordinal)
        .Replace("users: { octocat: U0OCTO }", "users: { octocat: U0OCTO, lead-gh: U0LEAD1 }", StringComparison.Ordinal);

    private static readonly DateTimeOffset Month = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeGitHubOAuth github = new();

    private MemberDashboard()
    {
        App = new TestApp(Policy, new Dictionary<string, string?> { ["GitHub:ClientId"] = "Iv1.client", ["GitHub:ClientSecret"] = "secret" })
        {
            // The OAuth correlation cookie's expiry follows the real clock, as the test client's cookie jar
            // does; the session and every figure follow the app's fake clock.
            ConfigureTestServices = s => s.Configure<OAuthOptions>(GitHubSignIn.Scheme, o =>
            {
                o.BackchannelHttpHandler = github;
                o.TimeProvider = TimeProvider.System;
            }),
        };
    }

    public TestApp App { get; }

    public HttpClient Api { get; private set; } = null!;

    public static async Task<MemberDashboard> StartAsync()
    {
        var d = new MemberDashboard();
        await FakeGitHubOAuth.InstallAsync(d.App);
        d.Api = await d.App.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        await d.Api.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: "2026-03-09T10:00:00Z").With("costUsd", 30).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "11").With("provider", "anthropic"),
            Event("b", occurredAt: "2026-03-10T11:00:00Z").With("costUsd", 12.5).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "12").With("provider", "anthropic"),
            Event("c", model: "gpt-5", occurredAt: "2026-03-10T09:00:00Z").With("costUsd", 4).With("repo", "acme/web").With("pr", 3).With("workflow", "codex").With("runId", "13").With("provider", "openai"),
            Event("d", occurredAt: "2026-03-02T09:00:00Z").With("costUsd", 100).With("repo", "acme/api")));
        var grants = d.App.Get<GrantStore>();
        var now = d.App.Clock.GetUtcNow();
        await d.App.Get<Database>().WriteAsync(async (c, tx) =>
        {
            await grants.AddAsync(c, tx, new Grant("platform", 10_000_000, Month, now, null, "manual", "platform launch", null, "U0LEAD1"), now);
            await grants.AddAsync(c, tx, new Grant("growth-web", 5_000_000, Month, now, null, "manual", "growth push", null, "U0LEAD2"), now);
            await c.ExecuteAsync(
                "INSERT INTO slack_requests (kind, budget_id, amount_micros, reason, requester, channel, state, created_at_ms, expires_at_ms) " +
                "VALUES ('budget', @Budget, 20000000, @Reason, 'U0DEV', 'C0', 'pending', @Now, @Expires);",
                new[] { new { Budget = "platform", Reason = "more api", Now = now.ToUnixTimeMilliseconds(), Expires = now.AddDays(1).ToUnixTimeMilliseconds() },
                    new { Budget = "growth-web", Reason = "more web", Now = now.ToUnixTimeMilliseconds(), Expires = now.AddDays(1).ToUnixTimeMilliseconds() } },
                tx);
        });
        return d;
    }

    // A browser session signed in with GitHub as this login.
    public async Task<DashboardSession> SignInAsync(string login)
    {
        var session = new DashboardSession(App);
        var callback = await CallbackAsync(session, login);
        Assert.Equal("/dashboard", callback.Headers.Location!.ToString());
        return session;
    }

    public Task<HttpResponseMessage> CallbackAsync(DashboardSession session, string login) => github.SignInAsync(session, login);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
