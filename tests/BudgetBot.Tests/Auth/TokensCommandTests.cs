using System.Net;
using BudgetBot.Auth;
using BudgetBot.Cli;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Auth;

// `tokens create|list|revoke` against the database a running instance uses: the CLI is "another
// instance", so a revoke it writes must be refused by the service at its next request.
public sealed class TokensCommandTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private string[] Config() => [$"--ConnectionStrings:BudgetBot=Data Source={app.DatabasePath}", $"--Policy:Path={app.PolicyPath}"];

    private async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliRunner.RunAsync([.. args, .. Config()], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task RevokedToken_IsRefusedAtOnce_ByTheRunningService()
    {
        var created = await RunAsync("tokens", "create", "--name", "ci", "--scopes", "read");
        var token = created.Out.TrimEnd().Split('\n')[^1].Trim();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/budgets", TestContext.Current.CancellationToken)).StatusCode);

        var revoked = await RunAsync("tokens", "revoke", "ci");

        Assert.Equal(0, revoked.Code);
        Assert.Contains("revoked token 'ci'", revoked.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/budgets", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Revoke_ById_AndList_ShowsEveryTokenWithoutItsSecret()
    {
        var token = (await RunAsync("tokens", "create", "--name", "ci", "--scopes", "ingest,read")).Out.TrimEnd().Split('\n')[^1].Trim();
        await RunAsync("tokens", "create", "--name", "dashboard", "--scopes", "read");

        Assert.Equal(0, (await RunAsync("tokens", "revoke", "1")).Code);
        var list = await RunAsync("tokens", "list");

        Assert.Equal(0, list.Code);
        var lines = list.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^1\s+ci\s+ingest,read\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d{4}-\d\d-\d\d \d\d:\d\d", lines[1]);
        Assert.Matches(@"^2\s+dashboard\s+read\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+-", lines[2]);
        Assert.DoesNotContain(token, list.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokenStore.Hash(token), list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateName_IsRefused_UntilTheFirstIsRevoked()
    {
        Assert.Equal(0, (await RunAsync("tokens", "create", "--name", "ci", "--scopes", "read")).Code);

        var duplicate = await RunAsync("tokens", "create", "--name", "ci", "--scopes", "admin");

        Assert.Equal(1, duplicate.Code);
        Assert.Contains("an active token named 'ci' exists already", duplicate.Err, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("tokens", "list")).Out.TrimEnd().Split('\n').Length);
        Assert.Equal(0, (await RunAsync("tokens", "revoke", "ci")).Code);
        Assert.Equal(0, (await RunAsync("tokens", "create", "--name", "ci", "--scopes", "admin")).Code);
    }

    [Fact]
    public async Task Revoke_OfAnUnknownOrRevokedToken_Fails()
    {
        await RunAsync("tokens", "create", "--name", "ci", "--scopes", "read");
        await RunAsync("tokens", "revoke", "ci");

        var again = await RunAsync("tokens", "revoke", "ci");

        Assert.Equal(1, again.Code);
        Assert.Contains("no active token named or numbered 'ci'", again.Err, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync("tokens", "revoke", "nobody")).Code);
    }

    [Fact]
    public async Task Create_WithAnUnknownScope_NamesIt()
    {
        var result = await RunAsync("tokens", "create", "--name", "x", "--scopes", "read,superuser");

        Assert.Equal(2, result.Code);
        Assert.Contains("unknown scope(s): superuser; a token's scopes are ingest, read, admin", result.Err, StringComparison.Ordinal);
    }
}
