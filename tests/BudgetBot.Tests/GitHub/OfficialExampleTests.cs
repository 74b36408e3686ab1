using BudgetBot.GitHub;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.GitHub;

// Every official example of a handled event, signed like GitHub signs it (HMAC-SHA256 of the body
// with the webhook secret, as @octokit/webhooks-methods does) and posted through the real pipeline,
// ends done or ignored: none unparsed, none poison.
public sealed class OfficialExampleTests : IAsyncLifetime
{
    private readonly TestApp app = GitHubTestApp.Create();
    private HttpClient hooks = null!;

    public async ValueTask InitializeAsync()
    {
        hooks = app.CreateClient();
        await app.Get<InboxWorker>().StopAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    public static TheoryData<string> Examples() => new(OfficialExamples.All());

    [Fact]
    public void TheExamplesOfEveryHandledEventAreThere()
    {
        var events = OfficialExamples.All().Select(OfficialExamples.EventOf).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(
            ["check_run", "installation", "installation_repositories", "issue_comment", "ping", "pull_request", "workflow_job", "workflow_run"],
            events.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(OfficialExamples.Directory, "LICENSE")));
        Assert.Contains("7.6.1", File.ReadAllText(Path.Combine(OfficialExamples.Directory, "PROVENANCE.md")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task OfficialExample_EndsDoneOrIgnored(string file)
    {
        var delivery = await app.DeliverAndProcessAsync(hooks, OfficialExamples.EventOf(file), OfficialExamples.Read(file), expectDone: false);

        var (state, attempts, error) = await app.QueryAsync<(string, long, string?)>(
            "SELECT state, attempts, last_error FROM github_inbox WHERE delivery_id = @delivery", new { delivery });
        Assert.True(state is "done" or "ignored", $"{file} ended {state}: {error}");
        Assert.Equal(0L, attempts);
    }

    [Fact]
    public async Task CompletedWorkflowRunExample_IsReadDespiteFieldsTheLibraryDemands()
    {
        // The example lacks display_title, path, actor and triggering_actor, which BudgetBot never reads.
        var body = OfficialExamples.Node("workflow_run.0.completed.json");
        Assert.False(body["workflow_run"]!.AsObject().ContainsKey("display_title"));

        await app.DeliverAndProcessAsync(hooks, "workflow_run", body.ToJsonString());

        var runId = body["workflow_run"]!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (status, conclusion) = await app.QueryAsync<(string, string?)>(
            "SELECT status, conclusion FROM workflow_runs WHERE run_id = @runId", new { runId });
        var run = body["workflow_run"]!;
        Assert.Equal((run["status"]!.GetValue<string>(), run["conclusion"]?.GetValue<string>()), (status, conclusion));
    }

    [Fact]
    public async Task PingExamplesWithoutDeliveriesUrl_AreDone()
    {
        foreach (var file in OfficialExamples.All().Where(f => f.StartsWith("ping.", StringComparison.Ordinal)))
        {
            await app.DeliverAndProcessAsync(hooks, "ping", OfficialExamples.Read(file));
        }
    }
}
