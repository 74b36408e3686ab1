using BudgetBot.Auth;
using BudgetBot.Cli;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Otlp;
using BudgetBot.Transcripts;

namespace BudgetBot.Tests.Transcripts;

public sealed class ClaudeCodeImportTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-transcripts-");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        dir.Delete(recursive: true);
    }

    private string Projects => Path.Combine(dir.FullName, "projects");

    // The fixture under ~/.claude/projects/<encoded-cwd>/<sessionId>.jsonl, its cwd optionally moved
    // to a real directory.
    private void WriteTranscript(string? cwd = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Projects, "-home-dev-src-acme-payments-api"));
        var text = Otlp.Otlp.Fixture("claude-code-session.jsonl");
        if (cwd is not null)
        {
            text = text.Replace("/home/dev/src/acme/payments-api", cwd.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        File.WriteAllText(Path.Combine(folder.FullName, Otlp.Otlp.Session + ".jsonl"), text + "\n{torn line\n");
    }

    [Fact]
    public async Task CliImport_CountsTheSessionOnce_AtItsOwnCostFigures()
    {
        WriteTranscript();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await CliRunner.RunAsync(
            ["import", "claude-code", Projects, "--repo", "acme/payments-api", $"--ConnectionStrings:BudgetBot=Data Source={app.DatabasePath}", $"--Policy:Path={app.PolicyPath}"],
            stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains("files: 1, lines: 8 (1 malformed, skipped), API responses: 3 (1 repeated", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("events accepted: 3", stdout.ToString(), StringComparison.Ordinal);
        var client = await app.ClientWithScopesAsync(Scopes.Read);
        Assert.Equal(0.760575m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
        Assert.Equal(0.760575m, await app.SpentAsync("claude-code-transcript"));
    }

    [Fact]
    public async Task ImportingAgain_ChangesNothing()
    {
        WriteTranscript();
        var importer = app.Get<ClaudeCodeImporter>();
        await importer.ImportAsync(Projects, null, TestContext.Current.CancellationToken);
        var again = await importer.ImportAsync(Projects, null, TestContext.Current.CancellationToken);

        Assert.Equal((0, 3), (again.Accepted, again.Duplicates));
        Assert.Equal(0.760575m, await app.SpentAsync());
    }

    [Fact]
    public async Task Repository_ComesFromTheCwdsOriginRemote_AndTheBranchFromTheTranscript()
    {
        var repo = Directory.CreateDirectory(Path.Combine(dir.FullName, "work", "payments-api"));
        Directory.CreateDirectory(Path.Combine(repo.FullName, ".git"));
        File.WriteAllText(Path.Combine(repo.FullName, ".git", "config"),
            "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://github.com/someone/else.git\n[remote \"origin\"]\n\turl = git@github.com:acme/payments-api.git\n");
        WriteTranscript(Path.Combine(repo.FullName, "src"));
        Directory.CreateDirectory(Path.Combine(repo.FullName, "src"));

        var summary = await app.Get<ClaudeCodeImporter>().ImportAsync(Projects, null, TestContext.Current.CancellationToken);

        Assert.Equal(0, summary.WithoutRepo);
        var rows = (await app.RowsAsync()).ToList();
        Assert.All(rows, r => Assert.Equal(("acme/payments-api", "feature/ledger-retry", "platform"), ((string)r.repo, (string)r.branch, (string)r.team)));
        Assert.Equal(["req_011CVbudgetbotReqA", "req_011CVbudgetbotReqB", "req_011CVbudgetbotReqC"], rows.Select(r => (string)r.event_id).Order());
    }

    [Fact]
    public async Task MissingCwd_LeavesTheRepositoryEmpty_ButTheSpendCounts()
    {
        WriteTranscript();
        var summary = await app.Get<ClaudeCodeImporter>().ImportAsync(Projects, null, TestContext.Current.CancellationToken);
        Assert.Equal(3, summary.WithoutRepo);
        Assert.Equal(0.760575m, await app.SpentAsync());
    }

    [Fact]
    public async Task SessionAlreadyReportedByTelemetry_IsNotCountedAgain()
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        await client.PostAsync("/v1/metrics", Otlp.Otlp.Fixture("claude-code-otlp-metrics.json"));
        WriteTranscript();

        var summary = await app.Get<ClaudeCodeImporter>().ImportAsync(Projects, null, TestContext.Current.CancellationToken);

        Assert.Equal((0, 3), (summary.Accepted, summary.DroppedAsTelemetry));
        Assert.Equal(0.797825m, await app.SpentAsync());
    }
}
