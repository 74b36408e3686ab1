using BudgetBot.Auth;
using BudgetBot.Cli;
using BudgetBot.Storage;
using BudgetBot.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace BudgetBot.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("budgetbot-cli-");

    private string Db => Path.Combine(dir.FullName, "cli.db");

    private string[] Config()
    {
        var policy = Path.Combine(dir.FullName, "policy.yaml");
        File.WriteAllText(policy, TestPolicy.Default);
        return [$"--ConnectionStrings:BudgetBot=Data Source={Db}", $"--Policy:Path={policy}"];
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dir.Delete(recursive: true);
    }

    [Fact]
    public async Task TokensCreate_PrintsTheTokenAloneOnTheLastLine_AndStoresOnlyItsHash()
    {
        var stdout = new StringWriter();
        var code = await CliRunner.RunAsync(["tokens", "create", "--name", "ci", "--scopes", "ingest,read", .. Config()], stdout, new StringWriter());

        Assert.Equal(0, code);
        var token = stdout.ToString().TrimEnd().Split('\n')[^1].Trim();
        Assert.StartsWith("bb_", token);
        var db = new Database(new StorageOptions { ConnectionString = $"Data Source={Db}" });
        await using var c = await db.OpenAsync(TestContext.Current.CancellationToken);
        var stored = (await c.QueryAsync<string>("SELECT token_hash FROM api_tokens")).Single();
        Assert.Equal(ApiTokenStore.Hash(token), stored);
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        var identity = await new ApiTokenStore(db, TimeProvider.System).FindAsync(token, TestContext.Current.CancellationToken);
        Assert.Equal(["ingest", "read"], identity!.Scopes);
    }

    [Theory]
    [InlineData("--name", "x", "--scopes", "superuser")]
    [InlineData("--scopes", "read")]
    public async Task TokensCreate_WithBadArguments_ExplainsUsage(params string[] args)
    {
        var stderr = new StringWriter();
        var code = await CliRunner.RunAsync(["tokens", "create", .. args], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains("usage: tokens create", stderr.ToString());
    }

    [Fact]
    public async Task Migrate_AppliesOnceThenNothing()
    {
        var first = new StringWriter();
        var second = new StringWriter();
        Assert.Equal(0, await CliRunner.RunAsync(["migrate", .. Config()], first, new StringWriter()));
        Assert.Equal(0, await CliRunner.RunAsync(["migrate", .. Config()], second, new StringWriter()));
        Assert.DoesNotContain("migrated: 0", first.ToString());
        Assert.Contains("migrated: 0 migration(s) applied", second.ToString());
    }

    [Fact]
    public async Task UnknownVerb_PrintsUsageAndFails()
    {
        var stderr = new StringWriter();
        Assert.False(CliRunner.IsVerb(["serve"]));
        Assert.Equal(0, await CliRunner.RunAsync(["help"], new StringWriter(), stderr));
        Assert.Contains("tokens create", stderr.ToString());
    }
}
