using BudgetBot.GitHub;
using BudgetBot.Providers;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Storage;

// Provider reconciliation and what was last written to GitHub: upserts keyed by their natural key.
public abstract partial class StoreContract<TProvider>
{
    [Fact]
    public async Task Reconciliation_SumsReportedUsagePerDay_AndKeepsOneRowPerProviderDayAccount()
    {
        var day = DateOnly.FromDateTime(TestApp.Start.UtcDateTime).AddDays(-1);
        var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        await Ingestor().IngestAsync([Event("a", 1.5m, at: noon), Event("b", 2m, at: noon.AddHours(3)), Event("other-day", 8m, at: noon.AddDays(-1))]);
        var store = new ReconciliationStore(Db);
        var from = noon.AddHours(-12).ToUnixTimeMilliseconds();
        var to = noon.AddHours(12).ToUnixTimeMilliseconds();

        var reported = await Db.WriteAsync((c, tx) => store.ReportedAsync(c, tx, from, to), Ct);
        var line = new ReconciliationLine("anthropic", day, "wrkspc_01", "platform", null, "claude-haiku-4-5", 3_500_000, 5_000_000, 1000, 6_000_000);
        await Db.WriteAsync((c, tx) => store.SaveAsync(c, tx, line, from), Ct);
        await Db.WriteAsync((c, tx) => store.SaveAsync(c, tx, line with { BilledMicros = 4_000_000 }, to), Ct);

        var day1 = Assert.Single(reported);
        Assert.Equal((from, "claude-haiku-4-5", "platform", 3_500_000L), (day1.DayMs, day1.Model, day1.Team, day1.CostMicros));
        var row = Assert.Single(await store.RangeAsync(from, to, Ct));
        Assert.Equal(new ReconciliationRow("anthropic", from, "wrkspc_01", "platform", 3_500_000, 4_000_000, 500_000, 1000, 6_000_000), row);
        Assert.Empty(await store.RangeAsync(to, to + 86_400_000, Ct));
    }

    [Fact]
    public async Task GitHubWriteState_KeepsTheLatestCommentAndCheckPerKey()
    {
        var state = new GitHubWriteState(Db);
        Assert.Null((await state.CommentAsync("acme/api", 7, Ct)).CommentId);
        Assert.Null(await state.CheckAsync("acme/api", "abc123", Ct));

        await state.SaveCommentAsync("acme/api", 7, new CommentState { CommentId = 1, NodeId = "IC_1", BodyHash = "h1", PostedTotalMicros = 10, PostedState = "ok", LastWriteMs = 1 }, Ct);
        await state.SaveCommentAsync("acme/api", 7, new CommentState { CommentId = 1, NodeId = "IC_1", BodyHash = "h2", PostedTotalMicros = 20, PostedState = "warning", LastWriteMs = 2 }, Ct);
        await state.SaveCheckAsync("acme/api", "abc123", 7, 99, "d1", Clock.GetUtcNow(), Ct);
        await state.SaveCheckAsync("acme/api", "abc123", 7, 100, "d2", Clock.GetUtcNow(), Ct);

        var comment = await state.CommentAsync("acme/api", 7, Ct);
        Assert.Equal((1L, "h2", 20L, "warning", 2L), (comment.CommentId, comment.BodyHash, comment.PostedTotalMicros, comment.PostedState, comment.LastWriteMs));
        Assert.Null((await state.CommentAsync("acme/api", 8, Ct)).CommentId);
        var check = await state.CheckAsync("acme/api", "abc123", Ct);
        Assert.Equal((100L, "d2"), (check!.CheckRunId, check.DecisionHash));
    }
}
