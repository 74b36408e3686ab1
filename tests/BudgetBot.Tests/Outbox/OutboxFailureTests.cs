using System.Diagnostics.Metrics;
using System.Net;
using BudgetBot.Cli;
using BudgetBot.GitHub;
using BudgetBot.Outbox;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BudgetBot.Tests.Outbox;

// Issue 15 items 14 and 15: what a bad answer from GitHub or Slack does to a row, and to the others.
public sealed class OutboxFailureTests : IAsyncLifetime
{
    private readonly OutboxHarness h = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await h.GitHub.StartAsync();

    public async ValueTask DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task HtmlPageAnswered200_ByGitHubAndSlack_IsThatRowsFailedAttempt_AndTheBatchGoesOn()
    {
        h.GitHub.Fake.Script(HttpMethod.Post, "/issues/42/comments", OutboxHarness.Html);
        h.Slack.Queued.Enqueue(OutboxHarness.Html());

        // $2,600 of the platform team's $5,000: a comment, a check run and a 50% alert to Slack.
        await h.GitHub.ReportAsync("e1", 2600m);
        await h.GitHub.DrainAsync();

        var rows = await h.RowsAsync();
        var comment = Assert.Single(rows, r => r.Kind == GitHubOutbox.CommentKind);
        Assert.Equal(("pending", 1L, (string?)null), (comment.State, comment.Attempts, comment.Owner));
        Assert.StartsWith("InvalidOperationException", comment.Error, StringComparison.Ordinal);
        var card = Assert.Single(rows, r => r.Channel == "slack");
        Assert.Equal(("pending", 1L, (string?)null), (card.State, card.Attempts, card.Owner));
        Assert.Contains("is an invalid start of a value", card.Error, StringComparison.Ordinal);
        Assert.Equal("sent", Assert.Single(rows, r => r.Kind == GitHubOutbox.CheckKind).State);

        h.GitHub.Advance(TimeSpan.FromSeconds(3));
        await h.GitHub.DrainAsync();

        Assert.All(await h.RowsAsync(), r => Assert.Equal("sent", r.State));
        Assert.Equal(2, h.GitHub.CommentPosts.Count);
        Assert.Equal(2, h.Slack.Bodies("chat.postMessage").Count);
    }

    [Fact]
    public async Task WaitingOutRetryAfter_IsNoAttempt_EvenPastTheAttemptLimit()
    {
        h.GitHub.Fake.Script(HttpMethod.Post, "/issues/42/comments",
            () => FakeGitHub.Answer(HttpStatusCode.TooManyRequests, new { message = "slow down" }, ("Retry-After", "60")), times: OutboxStore.MaxAttempts + 2);
        await h.GitHub.ReportAsync("e1", 2m);

        for (var i = 0; i < OutboxStore.MaxAttempts + 2; i++)
        {
            await h.GitHub.DrainAsync();
            var waiting = Assert.Single(await h.RowsAsync(), r => r.Kind == GitHubOutbox.CommentKind);
            Assert.Equal(("pending", 0L), (waiting.State, waiting.Attempts));
            h.GitHub.Advance(TimeSpan.FromSeconds(61));
        }
        await h.GitHub.DrainAsync();

        Assert.Equal("sent", Assert.Single(await h.RowsAsync(), r => r.Kind == GitHubOutbox.CommentKind).State);
        Assert.Equal(OutboxStore.MaxAttempts + 3, h.GitHub.CommentPosts.Count);
    }

    [Fact]
    public async Task FailedRows_AreCountedOnReadyzAndInAMetric_AndOutboxReplayResendsThem()
    {
        var failures = new List<long>();
        using var listener = new MeterListener();
        var factory = h.GitHub.App.Get<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutboxMetrics.MeterName && instrument.Meter.Scope == factory && instrument.Name == "budgetbot.outbox.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => { lock (failures) { failures.Add(value); } });
        listener.Start();
        h.GitHub.Fake.Script(HttpMethod.Post, "/check-runs", () => FakeGitHub.Answer(HttpStatusCode.UnprocessableEntity, new { message = "Validation Failed" }));

        await h.GitHub.ReportAsync("e1", 2m);
        await h.GitHub.DrainAsync();

        var failed = Assert.Single(await h.RowsAsync(), r => r.State == "failed");
        Assert.Equal(GitHubOutbox.CheckKind, failed.Kind);
        Assert.Equal([1L], failures);
        var ready = await h.GitHub.App.CreateClient().GetAsync("/readyz", Ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.ReadAsync();
        Assert.Equal(1, body.GetProperty("failedOutboxMessages").GetInt64());
        Assert.Contains("outbox replay", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var output = new StringWriter();
        var exit = await CliRunner.RunAsync(["outbox", "replay", "--id", failed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"--ConnectionStrings:BudgetBot=Data Source={h.GitHub.App.DatabasePath}", $"--Policy:Path={h.GitHub.App.PolicyPath}"], output, TextWriter.Null);
        await h.GitHub.DrainAsync();

        Assert.Equal(0, exit);
        Assert.Contains("requeued 1", output.ToString(), StringComparison.Ordinal);
        Assert.All(await h.RowsAsync(), r => Assert.Equal("sent", r.State));
        Assert.Equal(0, (await (await h.GitHub.App.CreateClient().GetAsync("/readyz", Ct)).ReadAsync()).GetProperty("failedOutboxMessages").GetInt64());
    }

    [Fact]
    public async Task OutboxReplay_WithABadId_SaysSo()
    {
        var error = new StringWriter();
        Assert.Equal(2, await CliRunner.RunAsync(["outbox", "replay", "--id", "x1"], TextWriter.Null, error));
        Assert.Contains("--id must be an outbox message id", error.ToString(), StringComparison.Ordinal);
    }
}
