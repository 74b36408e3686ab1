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

        // $60 spent, then half of today and four whole days at $30: $195; the $100 limit is reached
        // $40 later, half a day of $15 and then 25/30 of Thursday: Thursday 20:00.
        Assert.Equal(60m, s.Decimal("spentUsd"));
        Assert.InRange(s.Decimal("forecastUsd"), 194.99999m, 195.00001m);
        Assert.InRange(s.GetProperty("exhaustsAt").GetDateTimeOffset(), new DateTimeOffset(2026, 3, 12, 19, 59, 59, TimeSpan.Zero), new DateTimeOffset(2026, 3, 12, 20, 0, 1, TimeSpan.Zero));
        var list = await client.GetJsonAsync("/api/budgets");
        // The org's $20,000 month: $300 so far and 20.5 days at $30 to go stay well inside it.
        var org = list.EnumerateArray().Single(b => b.GetProperty("id").GetString() == "everything");
        Assert.InRange(org.Decimal("forecastUsd"), 914.99999m, 915.00001m);
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
