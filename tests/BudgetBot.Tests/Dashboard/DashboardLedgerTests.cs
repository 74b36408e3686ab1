using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Dashboard;

// Facts other features store (GitHub run conclusions, Slack requests, alerts sent), as they show on the pages.
public sealed class DashboardLedgerTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private DashboardSession session = null!;
    private HttpClient api = null!;

    public async ValueTask InitializeAsync()
    {
        api = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);
        await api.PostJsonAsync("/api/usage", Batch(
            Event("a", occurredAt: "2026-03-09T10:00:00Z").With("costUsd", 30).With("repo", "acme/api").With("pr", 7).With("workflow", "claude-review").With("runId", "11"),
            Event("b", occurredAt: "2026-03-10T11:00:00Z").With("costUsd", 12.5).With("repo", "acme/api").With("pr", 8).With("workflow", "claude-review").With("runId", "12")));
        session = new DashboardSession(app);
        await session.SignInAsync();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private Task ExecAsync(string sql, object args) =>
        app.Get<Database>().WriteAsync((c, tx) => c.ExecuteAsync(sql, args, tx));

    [Fact]
    public async Task Units_CountFailedRunsAndClosedPrsAsWaste_AndMergedPrsPerWeek()
    {
        await ExecAsync("INSERT INTO workflow_runs (repo, run_id, run_attempt, head_sha, status, conclusion, updated_at_ms) VALUES ('acme/api', '12', 1, 'x', 'completed', 'failure', 0);", new { });
        await ExecAsync("INSERT INTO pull_requests (repo, number, head_sha, head_ref, base_ref, state, merged, merged_at_ms, updated_at_ms) VALUES " +
            "('acme/api', 7, 'x', 'a', 'main', 'closed', 1, @Merged, @Merged), ('acme/api', 8, 'y', 'b', 'main', 'closed', 0, NULL, @Merged);",
            new { Merged = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() });

        var page = await session.PageAsync("/dashboard/units?from=2026-03-04&to=2026-03-11");

        Assert.Equal("$12.50", page.QuerySelector("#waste-runs")!.TextContent);
        Assert.Equal("$12.50", page.QuerySelector("#waste-prs")!.TextContent);
        Assert.Equal(["acme/api", "1", "$30.00", "$30.00", "$30.00"], page.QuerySelectorAll("#pr-by-repo tbody tr td").Select(td => td.TextContent));
        var week = page.QuerySelectorAll("#weekly tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        Assert.Equal(["2026-03-04", "2", "$12.50", "$30.00", "1", "$30.00", "$30.00"], week[0]);
        Assert.Equal(["2026-03-11", "0", "$0.00", "$0.00", "0", "$0.00", "$0.00"], week[1]);
    }

    [Fact]
    public async Task Requests_ShowWhoCanDecideEachPendingOne()
    {
        await ExecAsync("INSERT INTO slack_requests (kind, budget_id, amount_micros, reason, requester, channel, state, created_at_ms, expires_at_ms) VALUES " +
            "('increase', 'platform', 500000000, 'eval suite', 'U0DEV', 'C0PLATFORM', 'pending', @Now, @Later), " +
            "('increase', 'platform', 5000000000, 'big one', 'U0DEV', 'C0PLATFORM', 'pending', @Now, @Later);",
            new { Now = app.Clock.GetUtcNow().ToUnixTimeMilliseconds(), Later = app.Clock.GetUtcNow().AddDays(2).ToUnixTimeMilliseconds() });

        var page = await session.PageAsync("/dashboard/requests");

        Assert.Equal(["U0LEAD1", "U0FOUNDER, U0FOUNDER2"], page.QuerySelectorAll("#pending .approvers").Select(td => td.TextContent));
    }

    [Fact]
    public async Task BudgetDetail_ListsTheAlertsItRaised()
    {
        await ExecAsync("INSERT INTO alerts_sent (budget_id, period_start_ms, threshold, channel, sent_at_ms) VALUES ('platform', @Start, 50, 'C0PLATFORM', @At);",
            new { Start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), At = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() });

        var page = await session.PageAsync("/dashboard/budgets/platform");

        Assert.Equal(["2026-03-10 08:00", "2026-03-01 00:00", "50%", "C0PLATFORM"], page.QuerySelectorAll("#alerts tbody td").Select(td => td.TextContent));
        Assert.Equal("50%, 80%, 100%", page.QuerySelector("#thresholds")!.TextContent);
    }
}
