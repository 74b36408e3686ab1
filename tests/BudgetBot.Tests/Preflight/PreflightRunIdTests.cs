using BudgetBot.Auth;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Preflight;

// Issue 15 item 17: a client that resends a pre-flight it got no answer to holds the money once.
public sealed class PreflightRunIdTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<System.Text.Json.JsonElement> AskAsync(string? runId, decimal estimate = 10) =>
        await (await client.PostJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "claude-review", runId, estimateUsd = estimate })).ReadAsync();

    [Fact]
    public async Task Resent_SameRunId_GetsTheSameReservation_AndHoldsTheMoneyOnce()
    {
        var first = await AskAsync("run-1");
        var again = await AskAsync("run-1");

        Assert.Equal(first.GetProperty("reservationId").GetString(), again.GetProperty("reservationId").GetString());
        Assert.Equal(first.GetRawText(), again.GetRawText());
        Assert.Equal(10m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));
    }

    [Fact]
    public async Task ParallelResends_OfOneRunId_HoldOneReservation()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AskAsync("run-parallel")));

        Assert.Single(answers.Select(a => a.GetProperty("reservationId").GetString()).Distinct());
        Assert.Equal(10m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(DISTINCT reservation_id) FROM reservations"));
    }

    [Fact]
    public async Task DifferentRunIds_AndNoRunId_EachReserve()
    {
        await AskAsync("run-a");
        await AskAsync("run-b");
        await AskAsync(null);
        await AskAsync(null);

        Assert.Equal(40m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));
    }

    [Fact]
    public async Task AfterTheHoldExpires_TheSameRunId_ReservesAfresh()
    {
        var first = await AskAsync("run-late");
        app.Clock.Advance(TimeSpan.FromMinutes(121));
        var later = await AskAsync("run-late");

        Assert.NotEqual(first.GetProperty("reservationId").GetString(), later.GetProperty("reservationId").GetString());
        Assert.Equal(10m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("reservedUsd"));
    }
}
