using System.Net;
using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Preflight;

public sealed class PreflightTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<System.Text.Json.JsonElement> AskAsync(decimal estimate, string? runId = null) =>
        await (await client.PostJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "claude-review", runId, estimateUsd = estimate })).ReadAsync();

    [Fact]
    public async Task Allowed_ReservesTheEstimate_UntilUsageWithTheRunIdArrives()
    {
        var answer = await AskAsync(10, runId: "777");
        Assert.True(answer.GetProperty("allowed").GetBoolean());
        Assert.StartsWith("rsv_", answer.GetProperty("reservationId").GetString());
        var review = answer.GetProperty("budgets").EnumerateArray().Single(b => b.GetProperty("id").GetString() == "review-agents");
        Assert.Equal(90m, review.Decimal("remainingUsd"));
        Assert.Equal(10m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));

        await client.PostJsonAsync("/api/usage", Event("run-777").With("costUsd", 3).With("workflow", "claude-review").With("runId", 777));

        var status = await client.GetJsonAsync("/api/budgets/review-agents");
        Assert.Equal(0m, status.Decimal("reservedUsd"));
        Assert.Equal(3m, status.Decimal("spentUsd"));
    }

    [Fact]
    public async Task Reservation_ExpiresByItself()
    {
        await AskAsync(10, runId: "never-reports");
        app.Clock.Advance(TimeSpan.FromMinutes(121));
        Assert.Equal(0m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));
    }

    [Fact]
    public async Task HardBudget_DeniesWhenRemainingCannotCoverTheEstimate_UntilAGrantArrives()
    {
        await client.PostJsonAsync("/api/usage", Event("big").With("costUsd", 95).With("workflow", "claude-review"));
        var denied = await AskAsync(10);
        Assert.False(denied.GetProperty("allowed").GetBoolean());
        Assert.Contains("review-agents", denied.GetProperty("reason").GetString());
        Assert.Contains("/budget request", denied.GetProperty("reason").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, denied.GetProperty("reservationId").ValueKind);
        Assert.Equal(0m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));

        var now = app.Clock.GetUtcNow();
        var start = (await client.GetJsonAsync("/api/budgets/review-agents")).GetProperty("periodStart").GetDateTimeOffset();
        await app.Get<Database>().WriteAsync((c, tx) => app.Get<GrantStore>().AddAsync(c, tx,
            new Grant("review-agents", 20_000_000, start, now, null, "increase", "unblock", 7, "U0LEAD1"), now), TestContext.Current.CancellationToken);

        Assert.True((await AskAsync(10)).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task SoftAndAdvisoryBudgets_NeverDeny()
    {
        var answer = await (await client.PostJsonAsync("/api/preflight", new { team = "platform", estimateUsd = 999_999 })).ReadAsync();
        Assert.True(answer.GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task FiftyParallelPreflights_AgainstRoomForTen_AllowExactlyTen()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => AskAsync(10, runId: "race-" + i)));
        Assert.Equal(10, answers.Count(a => a.GetProperty("allowed").GetBoolean()));
        var status = await client.GetJsonAsync("/api/budgets/review-agents");
        Assert.Equal(100m, status.Decimal("reservedUsd"));
        Assert.Equal(0m, status.Decimal("remainingUsd"));
    }

    [Fact]
    public async Task RequestWithoutScope_IsAProblemListingEveryError()
    {
        var response = await client.PostJsonAsync("/api/preflight", new { estimateUsd = -1, colour = "red" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.ReadAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { "", "estimateUsd", "colour" }, fields);
    }
}
