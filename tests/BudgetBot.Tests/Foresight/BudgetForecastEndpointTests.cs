using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Foresight;

public sealed class BudgetForecastEndpointTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Budgets_CarryTheForecastAndWhenItRunsOut()
    {
        // $30 a day for the 28 days before Wednesday 2026-03-11 (now 12:00); review-agents runs Mon 9th to Mon 16th.
        var days = Enumerable.Range(0, 28).Select(i => (object)Event($"d{i}", occurredAt: $"{new DateOnly(2026, 2, 11).AddDays(i):yyyy-MM-dd}T10:00:00Z")
            .With("costUsd", 30).With("workflow", "claude-review")).ToArray();
        await client.PostJsonAsync("/api/usage", Batch(days));

        var s = await client.GetJsonAsync("/api/budgets/review-agents");

        // $60 spent in 2.5 days: the straight line runs at $24 a day, the history at $30, and 28 days
        // of history weigh 0.6, so $27.60 a day: half of today and four whole days add $124.20, $184.20.
        // The $100 limit is reached $40 later: $13.80 today, then 26.2/27.6 of Thursday, 22:46:57.
        Assert.Equal(60m, s.Decimal("spentUsd"));
        Assert.InRange(s.Decimal("forecastUsd"), 184.19999m, 184.20001m);
        Assert.InRange(s.GetProperty("exhaustsAt").GetDateTimeOffset(), new DateTimeOffset(2026, 3, 12, 22, 46, 56, TimeSpan.Zero), new DateTimeOffset(2026, 3, 12, 22, 46, 58, TimeSpan.Zero));
        var list = await client.GetJsonAsync("/api/budgets");
        // The org's $20,000 month: $300 in 10.5 days ($28.57 a day on the straight line), then 20.5 days
        // at 0.6 x $30 + 0.4 x $28.57 = $29.43 a day, $903.29, stay well inside it.
        var org = list.EnumerateArray().Single(b => b.GetProperty("id").GetString() == "everything");
        Assert.InRange(org.Decimal("forecastUsd"), 903.28m, 903.29m);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, org.GetProperty("exhaustsAt").ValueKind);
    }

    [Fact]
    public async Task Budgets_WithoutHistory_HaveNoForecast()
    {
        var s = await client.GetJsonAsync("/api/budgets/platform");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("forecastUsd").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("exhaustsAt").ValueKind);
    }
}
