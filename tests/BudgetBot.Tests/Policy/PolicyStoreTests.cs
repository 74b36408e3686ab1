using BudgetBot.Budgets;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BudgetBot.Tests.Policy;

public sealed class PolicyStoreTests : IDisposable
{
    private const string GoodA = "budgets:\n  - {id: a, scope: org, amountUsd: 100, period: \"0 0 1 * *\"}\n";
    private const string GoodB = "budgets:\n  - {id: b, scope: org, amountUsd: 200, period: \"0 0 1 * *\"}\n";
    private const string Bad = "budgets:\n  - {id: a, scope: org, amountUsd: -1, period: \"0 0 1 * *\"}\ndigest: never\n";

    private readonly TempDirectory dir = new();
    private readonly FakeTimeProvider time = new();
    private readonly RecordingLogger logs = new();

    [Fact]
    public void Load_ThrowsWithEveryError_WhenTheFileIsBad()
    {
        using var store = Store(dir.Write("p.yaml", Bad));

        var ex = Assert.Throws<PolicyException>(() => store.Load());

        Assert.Equal([2, 3], ex.Errors.Select(e => e.Line));
        Assert.Contains("has 2 errors", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2: budgets[0].amountUsd must be a positive number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3: digest \"never\" is not a valid", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => store.Current);
    }

    [Fact]
    public void Load_Throws_WhenTheFileIsMissing()
    {
        using var store = Store(Path.Combine(dir.Root, "missing.yaml"));

        var ex = Assert.Throws<PolicyException>(() => store.Load());

        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_KeepsTheLastGoodPolicy_WhenTheNewFileIsBad_ThenSwapsWhenFixed()
    {
        var path = dir.Write("p.yaml", GoodA);
        using var store = Store(path);
        var first = store.Load();
        var token = store.GetReloadToken();

        File.WriteAllText(path, Bad);
        Assert.False(store.Reload());
        Assert.Same(first, store.Current);
        Assert.False(token.HasChanged);
        var rejected = Assert.Single(logs.Entries, e => e.EventId == 1203);
        Assert.Contains("line 2: budgets[0].amountUsd", rejected.Message, StringComparison.Ordinal);
        Assert.False(store.Reload()); // the same bad file is not reported again
        Assert.Single(logs.Entries, e => e.EventId == 1203);

        File.WriteAllText(path, GoodB);
        Assert.True(store.Reload());
        Assert.Equal("b", Assert.Single(store.Current.Budgets).Id);
        Assert.True(token.HasChanged);
        Assert.Single(logs.Entries, e => e.EventId == 1202);
    }

    [Fact]
    public void Reload_KeepsThePolicy_WhileTheFileIsGone()
    {
        var path = dir.Write("p.yaml", GoodA);
        using var store = Store(path);
        var first = store.Load();

        File.Delete(path);
        Assert.False(store.Reload());
        Assert.False(store.Reload());

        Assert.Same(first, store.Current);
        Assert.Single(logs.Entries, e => e.EventId == 1204);
    }

    [Fact]
    public void Timer_PicksUpAChangedFile()
    {
        var path = dir.Write("p.yaml", GoodA);
        using var store = Store(path);
        store.Load();
        File.WriteAllText(path, GoodB);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("a", store.Current.Budgets[0].Id);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("b", store.Current.Budgets[0].Id);
    }

    [Fact]
    public void Timer_IsOff_WhenTheIntervalIsZero()
    {
        var path = dir.Write("p.yaml", GoodA);
        using var store = new PolicyStore(path, TimeSpan.Zero, time, logs.For<PolicyStore>());
        store.Load();
        File.WriteAllText(path, GoodB);

        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("a", store.Current.Budgets[0].Id);
    }

    public void Dispose() => dir.Dispose();

    private PolicyStore Store(string path) => new(path, TimeSpan.FromSeconds(5), time, logs.For<PolicyStore>());
}
