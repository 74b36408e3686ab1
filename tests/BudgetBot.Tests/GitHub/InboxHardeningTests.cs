using System.Text.Json.Nodes;
using BudgetBot.Cli;
using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Tests.GitHub;

// Deliveries that can never succeed end at once, and one bad delivery never holds up the others.
public sealed class InboxHardeningTests : IAsyncLifetime
{
    private const int RetryEventId = 3010;
    private const int PoisonEventId = 3011;
    private const int UnparsedEventId = 3012;
    private readonly RecordingLogger logs = new();
    private readonly TestApp app;
    private HttpClient hooks = null!;

    public InboxHardeningTests() => app = GitHubTestApp.Create(s => s.AddSingleton<ILoggerProvider>(logs));

    public async ValueTask InitializeAsync()
    {
        hooks = app.CreateClient();
        await app.Get<InboxWorker>().StopAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private Task<(string State, long Attempts, string? Action, string? Error)> RowAsync(string delivery) =>
        app.QueryAsync<(string, long, string?, string?)>(
            "SELECT state, attempts, action, last_error FROM github_inbox WHERE delivery_id = @delivery", new { delivery });

    private static string With(string file, Action<JsonObject> change)
    {
        var body = OfficialExamples.Node(file);
        change(body);
        return body.ToJsonString();
    }

    public static TheoryData<string, string, string> NullPayloads() => new()
    {
        { "pull_request", "pull_request.0.opened.json", "pull_request.head.sha" },
        { "pull_request", "pull_request.0.opened.json", "repository" },
        { "workflow_run", "workflow_run.0.completed.json", "repository" },
        { "workflow_run", "workflow_run.0.completed.json", "workflow_run.pull_requests[0].base.repo" },
    };

    [Theory]
    [MemberData(nameof(NullPayloads))]
    public async Task NullWhereBudgetBotNeedsAValue_EndsUnparsedAtOnceWithOneWarning(string eventName, string file, string field)
    {
        var body = With(file, root =>
        {
            switch (field)
            {
                case "pull_request.head.sha":
                    root["pull_request"]!["head"]!["sha"] = null;
                    break;
                case "repository":
                    root["repository"] = null;
                    break;
                default:
                    var prs = root["workflow_run"]!["pull_requests"]!.AsArray();
                    if (prs.Count == 0)
                    {
                        prs.Add(new JsonObject { ["number"] = 1, ["base"] = new JsonObject(), ["head"] = new JsonObject() });
                    }
                    prs[0]!["base"]!["repo"] = null;
                    break;
            }
        });

        var delivery = await app.DeliverAndProcessAsync(hooks, eventName, body, expectDone: false);

        var row = await RowAsync(delivery);
        Assert.Equal(("unparsed", 0L), (row.State, row.Attempts));
        Assert.Contains(field, row.Error, StringComparison.Ordinal);
        var warning = Assert.Single(logs.Entries, e => e.EventId == UnparsedEventId);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain(logs.Entries, e => e.EventId is RetryEventId or PoisonEventId);
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UnknownActionOfAHandledEvent_IsIgnoredAndSaysSo()
    {
        var body = With("pull_request.0.opened.json", root => root["action"] = "teleported");

        var delivery = await app.DeliverAndProcessAsync(hooks, "pull_request", body, expectDone: false);

        var row = await RowAsync(delivery);
        Assert.Equal(("ignored", "teleported", "action teleported of pull_request is not handled"), (row.State, row.Action, row.Error));
        Assert.DoesNotContain(logs.Entries, e => e.EventId is RetryEventId or PoisonEventId or UnparsedEventId);
    }

    [Fact]
    public async Task OnePoisonDelivery_DoesNotHoldUpTheFiveBehindIt()
    {
        // A lone UTF-16 surrogate in the action: reading it throws (InvalidOperationException), also on the error path.
        var poison = OfficialExamples.Read("pull_request.0.opened.json").Replace("\"action\": \"opened\"", "\"action\": \"\\ud800\"", StringComparison.Ordinal);
        Assert.Contains("\\ud800", poison, StringComparison.Ordinal);
        await hooks.DeliverAsync("pull_request", poison, "poison");
        var good = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var body = With("pull_request.0.opened.json", root => root["number"] = 500 + i);
            var delivery = $"good-{i}";
            await hooks.DeliverAsync("pull_request", body, delivery);
            good.Add(delivery);
        }

        await app.Get<InboxWorker>().DrainAsync(TestContext.Current.CancellationToken);

        foreach (var delivery in good)
        {
            Assert.Equal("done", (await RowAsync(delivery)).State);
        }
        // Its own failure is recorded against it alone.
        var bad = await RowAsync("poison");
        Assert.True(bad.State != "pending" || bad.Attempts > 0, $"the poison delivery is {bad.State} after {bad.Attempts} attempts");
    }

    [Fact]
    public async Task InboxReplay_RequeuesPoisonOnly_AndUnparsedOnRequest()
    {
        await app.DeliverAndProcessAsync(hooks, "brand_new_event", "{\"action\":\"created\"}", "unknown-event", expectDone: false);
        await app.DeliverAndProcessAsync(hooks, "pull_request", "not json", "broken", expectDone: false);
        Assert.Equal("unparsed", (await RowAsync("unknown-event")).State);
        string[] Args(params string[] extra) => ["inbox", "replay", .. extra,
            $"--ConnectionStrings:BudgetBot=Data Source={app.DatabasePath}", $"--Policy:Path={app.PolicyPath}"];

        var plain = new StringWriter();
        Assert.Equal(0, await CliRunner.RunAsync(Args(), plain, TextWriter.Null));
        Assert.Contains("requeued 0 poison delivery(ies)", plain.ToString(), StringComparison.Ordinal);
        Assert.Equal("unparsed", (await RowAsync("unknown-event")).State);

        var withUnparsed = new StringWriter();
        Assert.Equal(0, await CliRunner.RunAsync(Args("--include-unparsed"), withUnparsed, TextWriter.Null));
        Assert.Contains("requeued 2 poison or unparsed delivery(ies)", withUnparsed.ToString(), StringComparison.Ordinal);
        Assert.Equal("pending", (await RowAsync("unknown-event")).State);
    }
}
