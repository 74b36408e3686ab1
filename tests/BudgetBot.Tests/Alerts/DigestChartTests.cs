using BudgetBot.Outbox;
using BudgetBot.Scheduling;
using BudgetBot.Slack;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using static BudgetBot.Tests.Alerts.ThresholdAlertTests;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Alerts;

// The week's chart, end to end: usage in, the digest job, the outbox worker against the fake Slack
// edge: files.getUploadURLExternal, the PNG's bytes to the upload URL, files.completeUploadExternal
// into the digest channel. Once per channel and week, and one file even when Slack fails half-way.
public sealed class DigestChartTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Thursday0900 = new(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly FakeSlackApi fake = new();
    private TestApp app = null!;

    public async ValueTask InitializeAsync()
    {
        app = new TestApp(settings: new Dictionary<string, string?>
        {
            ["Scheduling:Enabled"] = "false", ["Slack:SigningSecret"] = SlackTestApp.Secret, ["Slack:BotToken"] = "xoxb-test",
            ["Slack:ApiBaseUrl"] = "http://slack.test/api/", ["Dashboard:PublicUrl"] = "https://budgetbot.example.com",
        })
        {
            ConfigureTestServices = s => s.AddHttpClient(SlackApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => fake),
        };
        await IngestAsync(app,
            Event("p1", occurredAt: "2026-03-10T10:00:00Z").With("costUsd", 12).With("repo", "acme/api").With("workflow", "claude-review").With("runId", "1"),
            Event("g1", occurredAt: "2026-03-11T10:00:00Z").With("costUsd", 4).With("repo", "acme/web").With("workflow", "codex").With("runId", "2"));
        await app.Get<Scheduler>().RunDueAsync(TestApp.Start);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task WeeklyDigest_UploadsTheSpendByTeamChart_IntoTheDigestChannel_OncePerWeek()
    {
        await DigestAsync(Thursday0900);
        await DigestAsync(Thursday0900.AddDays(1));

        var digests = fake.Bodies("chat.postMessage").Select(b => b["channel"]!.GetValue<string>()).ToList();
        Assert.Contains("C0PLATFORM", digests);
        var gets = fake.Calls.Where(c => c.Method == "files.getUploadURLExternal").ToList();
        var complete = Assert.Single(fake.Bodies("files.completeUploadExternal"), b => b["channel_id"]!.GetValue<string>() == "C0PLATFORM");
        var fileId = complete["files"]![0]!["id"]!.GetValue<string>();
        var upload = Assert.Single(fake.Uploads, u => u.Url.AbsolutePath.EndsWith("/" + fileId, StringComparison.Ordinal));
        Assert.Equal(PngSignature, upload.Bytes[..8]);
        Assert.All(gets, get =>
        {
            var form = FakeSlackApi.Form(get.Body);
            Assert.Equal(("spend-by-team.png", upload.Bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), (form["filename"], form["length"]));
            Assert.Equal("Bearer xoxb-test", get.Auth);
        });
        Assert.Equal("AI spend by team, Mar 5 to Mar 12 (UTC)", complete["files"]![0]!["title"]!.GetValue<string>());
        Assert.Contains("<https://budgetbot.example.com/dashboard/spend|spend over time>", complete["initial_comment"]!.GetValue<string>(), StringComparison.Ordinal);
        // The chart follows its channel's digest message, and Friday's digest brought no second chart.
        var order = fake.Calls.Select(c => c.Method).ToList();
        Assert.True(order.IndexOf("chat.postMessage") < order.IndexOf("files.getUploadURLExternal"));
        Assert.Equal(2, digests.Count(c => c == "C0PLATFORM"));
        Assert.Equal(digests.Distinct().Count(), fake.Bodies("files.completeUploadExternal").Count);
        Assert.Equal(digests.Distinct().Count(), gets.Count);
    }

    [Fact]
    public async Task AFailedCompletion_IsRetriedWithTheSameFile_NeverASecondUpload()
    {
        fake.Failing["files.completeUploadExternal"] = 1;
        await DigestAsync(Thursday0900);
        var channels = fake.Bodies("chat.postMessage").Select(b => b["channel"]!.GetValue<string>()).Distinct().ToList();
        // One completion per channel was tried, and one of them failed.
        Assert.Equal(channels.Count, fake.Bodies("files.completeUploadExternal").Count);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Get<OutboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

        // One file per channel: the retry completed the file it had, with no new upload URL.
        var completes = fake.Bodies("files.completeUploadExternal")
            .GroupBy(b => b["channel_id"]!.GetValue<string>(), b => b["files"]![0]!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(channels.Order(), completes.Select(g => g.Key).Order());
        Assert.All(completes, g => Assert.Single(g.Distinct()));
        Assert.Equal(channels.Count, fake.Calls.Count(c => c.Method == "files.getUploadURLExternal"));
        var retried = Assert.Single(completes, g => g.Count() == 2);
        Assert.Equal(2, fake.Uploads.Count(u => u.Url.AbsolutePath.EndsWith("/" + retried.First(), StringComparison.Ordinal)));
    }

    private async Task DigestAsync(DateTimeOffset at)
    {
        app.Clock.SetUtcNow(at);
        await app.Get<Scheduler>().RunDueAsync(at);
        await app.Get<OutboxWorker>().DrainAsync(TestContext.Current.CancellationToken);
    }
}
