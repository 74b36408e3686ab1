using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Usage;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Usage;

public sealed class ObserverFailureTests
{
    [Fact]
    public async Task AFailingObserver_DoesNotFailTheBatch_NorStopTheOthers()
    {
        var counting = new CountingObserver();
        await using var app = new TestApp
        {
            ConfigureTestServices = s =>
            {
                s.AddSingleton<IUsageObserver>(new ThrowingObserver());
                s.AddSingleton<IUsageObserver>(counting);
            },
        };
        var client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

        var response = await client.PostJsonAsync("/api/usage", Batch(Event("a").With("costUsd", 2), Event("b").With("costUsd", 3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.ReadAsync()).GetProperty("accepted").GetInt32());
        Assert.Equal(5m, (await client.GetJsonAsync("/api/budgets/everything")).Decimal("spentUsd"));
        Assert.Equal(2, counting.Seen);

        await client.PostJsonAsync("/api/usage", Batch(Event("a").With("costUsd", 2)));
        Assert.Equal(2, counting.Seen);
    }

    private sealed class ThrowingObserver : IUsageObserver
    {
        public Task OnStoredAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct) =>
            throw new InvalidOperationException("an observer broke");
    }

    private sealed class CountingObserver : IUsageObserver
    {
        public int Seen { get; private set; }

        public Task OnStoredAsync(IReadOnlyList<PricedUsage> stored, CancellationToken ct)
        {
            Seen += stored.Count;
            return Task.CompletedTask;
        }
    }
}
