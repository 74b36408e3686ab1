using BudgetBot.GitHub;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;

namespace BudgetBot.Tests.GitHub;

// The store answers "which of these PRs are merged" in one query; it must agree with asking each PR.
public sealed class PullRequestDirectoryTests
{
    [Theory]
    [InlineData(new int[0], new int[0])]
    [InlineData(new[] { 1, 2, 3, 4, 99 }, new[] { 1, 3 })]
    [InlineData(new[] { 2, 4 }, new int[0])]
    public async Task MergedAmong_IsWhatEachPrSays_InOneQuery(int[] asked, int[] merged)
    {
        await using var app = new TestApp();
        await using (var c = await app.Get<Database>().OpenAsync(TestContext.Current.CancellationToken))
        {
            const string Pr = "INSERT INTO pull_requests (repo, number, head_sha, head_ref, base_ref, state, merged, updated_at_ms) " +
                "VALUES (@Repo, @Number, 'abc', 'f', 'main', 'closed', @Merged, 0);";
            await c.ExecuteAsync(Pr, new[]
            {
                new { Repo = "acme/api", Number = 1, Merged = 1 }, new { Repo = "acme/api", Number = 2, Merged = 0 },
                new { Repo = "acme/api", Number = 3, Merged = 1 }, new { Repo = "acme/web", Number = 4, Merged = 1 },
            });
        }
        var directory = app.Get<IPullRequestDirectory>();

        var inOneQuery = await directory.MergedAmongAsync("Acme/API", asked, TestContext.Current.CancellationToken);
        var oneByOne = new HashSet<int>();
        foreach (var n in asked)
        {
            if (await directory.FindAsync("acme/api", n, TestContext.Current.CancellationToken) is { Merged: true })
            {
                oneByOne.Add(n);
            }
        }

        Assert.Equal(merged.Order(), inOneQuery.Order());
        Assert.Equal(oneByOne.Order(), inOneQuery.Order());
    }
}
