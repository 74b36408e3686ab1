using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Reports;

// A read-only query with bad parameters lists its problems without claiming that nothing was stored;
// a refused write still says so.
public sealed class ReportQueryProblemTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/api/reports/spend.csv?from=yesterday&groupBy=colour", 2)]
    [InlineData("/api/reports/reconciliation?from=2026-13-01", 1)]
    public async Task BadReportQuery_Is400_WithoutSayingNothingWasStored(string url, int problems)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Read);
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadAsync();
        Assert.Equal(problems, problem.GetProperty("errors").GetArrayLength());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Equal($"{problems} problem(s) found in the query parameters.", detail);
        Assert.DoesNotContain("stored", detail);
    }

    [Fact]
    public async Task RefusedUsage_StillSaysNothingWasStored()
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var response = await client.PostJsonAsync("/api/usage", new { id = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("nothing was stored.", (await response.ReadAsync()).GetProperty("detail").GetString());
    }
}
