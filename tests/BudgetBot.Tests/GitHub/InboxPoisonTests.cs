using BudgetBot.Cli;
using BudgetBot.GitHub;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;

namespace BudgetBot.Tests.GitHub;

public sealed class InboxPoisonTests : IAsyncLifetime
{
    private readonly RecordingChanges changes = new();
    private readonly TestApp app;
    private HttpClient hooks = null!;

    public InboxPoisonTests() => app = GitHubTestApp.Create(s => s.AddSingletonChanges(changes));

    // The hosted loop is stopped so that only the test claims: these tests count what each drain does,
    // and the loop (woken by a delivery, or by its 1 s poll) could otherwise take a row first.
    public async ValueTask InitializeAsync()
    {
        hooks = app.CreateClient();
        await app.Get<InboxWorker>().StopAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private Task<(string State, long Attempts, string? Error)> RowAsync(string delivery) =>
        app.QueryAsync<(string, long, string?)>("SELECT state, attempts, last_error FROM github_inbox WHERE delivery_id = @delivery", new { delivery });

    // The refresh fan-out fails: its outbox rows cannot be written (a real database error, after the
    // delivery's own state has committed) until RefreshRecoversAsync.
    private Task RefreshFailsAsync() => ExecuteAsync(
        "CREATE TRIGGER refresh_down BEFORE INSERT ON outbox_messages WHEN NEW.channel = 'github' BEGIN SELECT RAISE(ABORT, 'listener is down'); END;");

    private Task RefreshRecoversAsync() => ExecuteAsync("DROP TRIGGER refresh_down;");

    private async Task ExecuteAsync(string sql)
    {
        await using var c = await app.Get<Database>().OpenAsync(TestContext.Current.CancellationToken);
        await c.ExecuteAsync(sql);
    }

    private async Task FailUntilPoisonAsync(string delivery)
    {
        await RefreshFailsAsync();
        await app.DeliverAndProcessAsync(hooks, "pull_request", Payloads.PullRequest("opened", 90, "abc", "f"), delivery, expectDone: false);
        for (var i = 1; i < InboxStore.MaxAttempts; i++)
        {
            var row = await RowAsync(delivery);
            Assert.Equal(("pending", (long)i), (row.State, row.Attempts));
            // Not due yet: back-off keeps the row waiting until the clock moves.
            Assert.Equal(0, await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken));
            app.Clock.Advance(InboxWorker.Backoff(i - 1));
            Assert.Equal(1, await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task FailingDelivery_BacksOffThenIsKeptAsPoisonWithItsError()
    {
        await FailUntilPoisonAsync("p-1");

        var (state, attempts, error) = await RowAsync("p-1");
        Assert.Equal(("poison", (long)InboxStore.MaxAttempts), (state, attempts));
        Assert.Contains("listener is down", error, StringComparison.Ordinal);
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InboxReplay_RequeuesPoisonAndTheWorkerFinishesIt(bool byDelivery)
    {
        await FailUntilPoisonAsync("p-2");
        await RefreshRecoversAsync();
        var output = new StringWriter();
        string[] args = ["inbox", "replay", .. (byDelivery ? new[] { "--delivery", "p-2" } : []),
            $"--ConnectionStrings:BudgetBot=Data Source={app.DatabasePath}", $"--Policy:Path={app.PolicyPath}"];

        var exit = await CliRunner.RunAsync(args, output, TextWriter.Null);
        await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Contains("requeued 1", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("done", (await RowAsync("p-2")).State);
        // A retried delivery re-announces the PR it touched, as the failed attempts could not.
        Assert.Contains(("acme/api", 90, "pull-request"), changes.Seen);
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE target = 'github:acme/api#90:check'"));
    }
}
