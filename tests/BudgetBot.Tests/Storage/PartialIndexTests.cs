using System.Text.RegularExpressions;
using BudgetBot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace BudgetBot.Tests.Storage;

// Migration 0024 made four of usage_events' indexes partial (only the rows their readers ask for).
// A partial index serves a query only when the query's WHERE implies the index's condition, so each
// reader of those columns is planned here against the migrated schema: it must search its index,
// never scan the table.
public sealed partial class PartialIndexTests : IAsyncLifetime
{
    public static TheoryData<string, string> Readers() => new()
    {
        { "PullRequests.UnboundByRuns", "ix_usage_events_repo_run" },
        { "PullRequests.BindUsageByRuns", "ix_usage_events_repo_run" },
        { "WorkflowRuns.UnboundUsage", "ix_usage_events_repo_run" },
        { "WorkflowRuns.BindUsage", "ix_usage_events_repo_run" },
        { "Alerts.RunSpendSince", "ix_usage_events_repo_run" },
        { "PullRequests.UnboundByShas", "ix_usage_events_repo_sha" },
        { "PullRequests.BindUsageByShas", "ix_usage_events_repo_sha" },
        { "PullRequests.UnboundByBranch", "ix_usage_events_repo_branch" },
        { "PullRequests.BindUsageByBranch", "ix_usage_events_repo_branch" },
        { "Usage.Unpriced", "ix_usage_events_unpriced" },
    };

    private readonly string path = Path.Combine(Path.GetTempPath(), $"budgetbot-plan-{Guid.NewGuid():N}.db");
    private SqliteConnection c = null!;

    public async ValueTask InitializeAsync()
    {
        var db = new Database(new StorageOptions { ConnectionString = $"Data Source={path}" });
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync(TimeProvider.System, TestContext.Current.CancellationToken);
        c = (SqliteConnection)await db.OpenAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await c.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task Reader_SearchesItsPartialIndex(string statement, string index)
    {
        using var command = c.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + SqlStatements.All().Single(s => s.Name == statement).Sqlite;
        foreach (var name in Parameter().Matches(command.CommandText).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, "x");
        }
        var plan = await ColumnAsync(command, 3);
        Assert.Contains(plan, step => step.StartsWith("SEARCH usage_events USING INDEX " + index + " ", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN usage_events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFourIndexes_ArePartial()
    {
        using var command = c.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_events' AND sql LIKE '% WHERE %' ORDER BY name;";
        Assert.Equal(["ix_usage_events_repo_branch", "ix_usage_events_repo_run", "ix_usage_events_repo_sha", "ix_usage_events_unpriced"],
            await ColumnAsync(command, 0));
    }

    private static async Task<List<string>> ColumnAsync(SqliteCommand command, int ordinal)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(ordinal));
        }
        return values;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
