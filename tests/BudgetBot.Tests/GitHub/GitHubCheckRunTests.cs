using System.Data.Common;
using BudgetBot.Budgets;
using BudgetBot.Storage;

namespace BudgetBot.Tests.GitHub;

public sealed class GitHubCheckRunTests : IAsyncLifetime
{
    private readonly GitHubHarness gh = new();

    public async ValueTask InitializeAsync() => await gh.StartAsync();

    public async ValueTask DisposeAsync() => await gh.DisposeAsync();

    private IReadOnlyList<RecordedRequest> Creates => gh.Fake.To(HttpMethod.Post, "/repos/acme/api/check-runs");

    private IReadOnlyList<RecordedRequest> Updates => gh.Fake.To(HttpMethod.Patch, "/repos/acme/api/check-runs/");

    [Fact]
    public async Task WithinBudget_CreatesASuccessCheckOnTheHeadSha()
    {
        await gh.ReportAsync("e1", 1.00m);
        await gh.DrainAsync();

        var body = Assert.Single(Creates).Json();
        Assert.Equal("BudgetBot / budget", body.GetProperty("name").GetString());
        Assert.Equal(GitHubHarness.HeadSha, body.GetProperty("head_sha").GetString());
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal("success", body.GetProperty("conclusion").GetString());
        Assert.Equal("Within budget", body.GetProperty("output").GetProperty("title").GetString());
    }

    [Fact]
    public async Task HardBudgetExhausted_TurnsTheSameCheckToFailure_AndAGrantTurnsItBack()
    {
        await gh.ReportAsync("e1", 1.00m);
        await gh.DrainAsync();
        var id = Assert.Single(Creates).Json();
        await gh.ReportAsync("e2", 150.00m);
        await gh.DrainAsync();

        var failed = Assert.Single(Updates);
        Assert.Equal("failure", failed.Json().GetProperty("conclusion").GetString());
        Assert.Contains("review-agents", failed.Json().GetProperty("output").GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Single(Creates);
        Assert.NotEqual(default, id);

        await AddGrantAsync("review-agents", 100m);
        await gh.ChangedAsync("grant");
        await gh.DrainAsync();
        Assert.Equal("success", Updates[^1].Json().GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task SoftBudgetPastAThreshold_IsNeutral()
    {
        await gh.ReportAsync("e1", 2600m, workflow: "triage-bot");
        await gh.DrainAsync();

        Assert.Equal("neutral", Assert.Single(Creates).Json().GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task NewHeadSha_GetsItsOwnCheck_AndAnUnchangedVerdictIsNotRewritten()
    {
        await gh.ReportAsync("e1", 1.00m);
        await gh.DrainAsync();
        await gh.ChangedAsync("synchronize");
        await gh.DrainAsync();
        Assert.Single(Creates);

        gh.Directory.Add("acme/api", 42, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
        await gh.ChangedAsync("synchronize");
        await gh.DrainAsync();

        Assert.Equal(2, Creates.Count);
        Assert.Equal("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", Creates[^1].Json().GetProperty("head_sha").GetString());
        Assert.Empty(Updates);
    }

    [Fact]
    public async Task UnknownPr_GetsNoCheck()
    {
        await gh.ReportAsync("e1", 1.00m, pr: 77);
        await gh.DrainAsync();

        Assert.Empty(Creates);
        Assert.Equal(("skipped", "head SHA unknown"), await gh.LastOutboxAsync("check-run"));
    }

    private Task AddGrantAsync(string budget, decimal usd)
    {
        var db = gh.App.Get<Database>();
        var now = gh.App.Clock.GetUtcNow();
        return db.WriteAsync((DbConnection c, DbTransaction tx) => gh.App.Get<GrantStore>().AddAsync(c, tx,
            new Grant(budget, Money.ToMicros(usd), null, now.AddMinutes(-1), now.AddDays(1), "increase", "test", 1, "U0LEAD1"), now));
    }
}
