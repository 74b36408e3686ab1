using System.Net;
using BudgetBot.Auth;
using BudgetBot.Budgets;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Budgets;

public sealed class BudgetStatusEndpointTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Status_HasEveryFieldOfTheContract()
    {
        await client.PostJsonAsync("/api/usage", Event("a", occurredAt: "2026-03-10T09:00:00Z").With("costUsd", 30).With("workflow", "claude-review"));
        var s = await client.GetJsonAsync("/api/budgets/review-agents");

        Assert.Equal("review-agents", s.GetProperty("id").GetString());
        Assert.Equal("workflow:claude-review", s.GetProperty("scope").GetString());
        Assert.Equal("hard", s.GetProperty("enforcement").GetString());
        // 2026-03-11 is a Wednesday: the weekly period runs Monday 9th to Monday 16th.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.Zero), s.GetProperty("periodStart").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.Zero), s.GetProperty("periodEnd").GetDateTimeOffset());
        Assert.Equal(s.GetProperty("periodEnd").GetDateTimeOffset(), s.GetProperty("resetsAt").GetDateTimeOffset());
        Assert.Equal(100m, s.Decimal("limitUsd"));
        Assert.Equal(0m, s.Decimal("grantedUsd"));
        Assert.Equal(30m, s.Decimal("spentUsd"));
        Assert.Equal(0m, s.Decimal("reservedUsd"));
        Assert.Equal(70m, s.Decimal("remainingUsd"));
        Assert.Equal(30m, s.Decimal("percentUsed"));
        // 30 dollars in 2.5 of 7 days projects to 84.
        Assert.Equal(84m, s.Decimal("projectedUsd"));
        Assert.Equal("ok", s.GetProperty("state").GetString());
        Assert.Equal(0, s.GetProperty("unpricedEvents").GetInt32());
    }

    [Fact]
    public async Task List_ReturnsEveryPolicyBudget()
    {
        var list = await client.GetJsonAsync("/api/budgets");
        Assert.Equal(["platform", "review-agents", "everything"], list.EnumerateArray().Select(b => b.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task UnknownBudget_Is404Problem()
    {
        var response = await client.GetAsync("/api/budgets/nope", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EventsOutsideThePeriod_DoNotCount()
    {
        await client.PostJsonAsync("/api/usage", Batch(
            Event("last-week", occurredAt: "2026-03-08T23:59:59Z").With("costUsd", 10).With("workflow", "claude-review"),
            Event("this-week", occurredAt: "2026-03-09T00:00:00Z").With("costUsd", 1).With("workflow", "claude-review")));
        Assert.Equal(1m, (await client.GetJsonAsync("/api/budgets/review-agents")).Decimal("spentUsd"));
    }

    [Fact]
    public async Task StateMovesToWarningThenExceeded_AndAGrantRaisesTheLimit()
    {
        await client.PostJsonAsync("/api/usage", Event("w").With("costUsd", 85).With("workflow", "claude-review"));
        Assert.Equal("warning", (await client.GetJsonAsync("/api/budgets/review-agents")).GetProperty("state").GetString());
        await client.PostJsonAsync("/api/usage", Event("x").With("costUsd", 20).With("workflow", "claude-review"));
        var exceeded = await client.GetJsonAsync("/api/budgets/review-agents");
        Assert.Equal("exceeded", exceeded.GetProperty("state").GetString());
        Assert.Equal(-5m, exceeded.Decimal("remainingUsd"));

        var db = app.Get<Database>();
        var now = app.Clock.GetUtcNow();
        var start = exceeded.GetProperty("periodStart").GetDateTimeOffset();
        await db.WriteAsync((c, tx) => app.Get<GrantStore>().AddAsync(c, tx,
            new Grant("review-agents", 50_000_000, start, now, null, "increase", "release week", 1, "U0LEAD1"), now), TestContext.Current.CancellationToken);

        var granted = await client.GetJsonAsync("/api/budgets/review-agents");
        Assert.Equal(50m, granted.Decimal("grantedUsd"));
        Assert.Equal(45m, granted.Decimal("remainingUsd"));
        // 105 of 150 is 70%, under the first threshold (80) again.
        Assert.Equal(70m, granted.Decimal("percentUsed"));
        Assert.Equal("ok", granted.GetProperty("state").GetString());
    }

    [Fact]
    public async Task NextPeriod_StartsFromZero()
    {
        await client.PostJsonAsync("/api/usage", Event("w").With("costUsd", 85).With("workflow", "claude-review"));
        app.Clock.Advance(TimeSpan.FromDays(7));
        var s = await client.GetJsonAsync("/api/budgets/review-agents");
        Assert.Equal(0m, s.Decimal("spentUsd"));
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.Zero), s.GetProperty("periodStart").GetDateTimeOffset());
    }
}
