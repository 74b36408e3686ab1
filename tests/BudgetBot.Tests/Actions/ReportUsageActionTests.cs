using Dapper;

namespace BudgetBot.Tests.Actions;

public sealed class ReportUsageActionTests
{
    [Fact]
    public async Task Reporter_PostsOneEventPerModel_WithTheWorkflowContext_AndARerunStoresNothing()
    {
        var node = LiveService.RequireNode();
        await using var service = new LiveService();
        await service.StartAsync();
        var env = Environment(service, "claude-code-result.json");

        var first = await service.RunNodeAsync(node, LiveService.Script("report-usage", "report-usage.mjs"), env);
        var second = await service.RunNodeAsync(node, LiveService.Script("report-usage", "report-usage.mjs"), env);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("2 stored, 0 already known", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 stored, 2 already known", second.Output, StringComparison.Ordinal);
        Assert.Contains("total-usd=0.797825", await File.ReadAllTextAsync(env["GITHUB_OUTPUT"], TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var c = await service.Db.OpenAsync(TestContext.Current.CancellationToken);
        var rows = (await c.QueryAsync<Stored>(
            "SELECT source AS Source, event_id AS EventId, model_raw AS Model, provider AS Provider, cost_micros AS CostMicros, repo AS Repo, pr AS Pr, " +
            "branch AS Branch, sha AS Sha, run_id AS RunId, run_attempt AS RunAttempt, job_id AS JobId, workflow AS Workflow, " +
            "input_tokens AS InputTokens, cache_read_tokens AS CacheReadTokens, cache_write_5m_tokens AS CacheWrite5mTokens, team AS Team " +
            "FROM usage_events ORDER BY model_raw")).ToList();
        Assert.Equal(797_825L, rows.Sum(r => r.CostMicros));
        Assert.Equal(["claude-haiku-4-5-20251001", "claude-sonnet-4-5-20250929"], rows.Select(r => r.Model));
        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5"], await c.QueryAsync<string>("SELECT model FROM usage_events ORDER BY model"));
        Assert.Equal("9876543210-2-review-claude-sonnet-4-5-20250929", rows[1].EventId);
        Assert.All(rows, r => Assert.Equal(
            ("github-actions", "anthropic", "acme/payments-api", 482L, "feature/ledger-retry", "4f1c2d3e", "9876543210", 2L, "review", "claude-review", "platform"),
            (r.Source, r.Provider, r.Repo, r.Pr, r.Branch, r.Sha, r.RunId, r.RunAttempt, r.JobId, r.Workflow, r.Team)));
        Assert.Equal((6200L, 88_000L, 12_000L), (rows[0].InputTokens, rows[0].CacheReadTokens, rows[0].CacheWrite5mTokens));
    }

    [Fact]
    public async Task Reporter_ReadsClaudeCodeActionsExecutionFile_ByItsLastResultMessage()
    {
        var node = LiveService.RequireNode();
        await using var service = new LiveService();
        await service.StartAsync();
        var result = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", "claude-code-result.json"), TestContext.Current.CancellationToken);
        var execution = Path.Combine(service.Dir, "claude-execution-output.json");
        await File.WriteAllTextAsync(execution, $"[{{\"type\":\"system\",\"subtype\":\"init\"}},{{\"type\":\"assistant\",\"message\":{{}}}},{result}]", TestContext.Current.CancellationToken);
        var env = Environment(service, execution);

        var run = await service.RunNodeAsync(node, LiveService.Script("report-usage", "report-usage.mjs"), env);

        Assert.True(run.ExitCode == 0, run.Output);
        await using var c = await service.Db.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(797_825L, await c.ExecuteScalarAsync<long>("SELECT SUM(cost_micros) FROM usage_events"));
    }

    internal static Dictionary<string, string> Environment(LiveService service, string file)
    {
        var eventPath = Path.Combine(service.Dir, "event.json");
        File.WriteAllText(eventPath, """{"action":"synchronize","pull_request":{"number":482,"head":{"sha":"4f1c2d3e","ref":"feature/ledger-retry"}}}""");
        return new Dictionary<string, string>
        {
            ["BUDGETBOT_URL"] = service.Address,
            ["BUDGETBOT_TOKEN"] = service.Token,
            ["BUDGETBOT_FILE"] = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, "Fixtures", "usage", file),
            ["BUDGETBOT_WORKFLOW"] = "",
            ["GITHUB_REPOSITORY"] = "acme/payments-api",
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_HEAD_REF"] = "feature/ledger-retry",
            ["GITHUB_REF_NAME"] = "482/merge",
            ["GITHUB_SHA"] = "merge-commit-sha",
            ["GITHUB_RUN_ID"] = "9876543210",
            ["GITHUB_RUN_ATTEMPT"] = "2",
            ["GITHUB_JOB"] = "review",
            ["GITHUB_WORKFLOW"] = "claude-review",
            ["GITHUB_ACTOR"] = "octocat",
            ["GITHUB_OUTPUT"] = Path.Combine(service.Dir, "github-output.txt"),
        };
    }

    private sealed record Stored(
        string Source, string EventId, string Model, string? Provider, long CostMicros, string? Repo, long? Pr, string? Branch, string? Sha,
        string? RunId, long? RunAttempt, string? JobId, string? Workflow, long InputTokens, long CacheReadTokens, long CacheWrite5mTokens, string Team);
}
