using System.Net;
using BudgetBot.Auth;
using BudgetBot.Storage;
using BudgetBot.Tests.GitHub;
using BudgetBot.Tests.Infrastructure;
using BudgetBot.Tests.Otlp;
using Dapper;
using static BudgetBot.Tests.Usage.UsageEvents;

namespace BudgetBot.Tests.Usage;

// Issue 15 item 11: what cannot be real is refused at the door, and no stored row, however absurd,
// can make a read answer 500.
public sealed class UsageBoundsTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task AbsurdTokensAndCost_AreRefused_EachListed_NothingStored()
    {
        var response = await client.PostJsonAsync("/api/usage", Batch(
            Event("ok").With("inputTokens", 10),
            Event("absurd").With("inputTokens", 1_000_000_001L).With("outputTokens", long.MaxValue).With("costUsd", 100_000.01m)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync()).GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Contains((1, "inputTokens", "must be an integer from 0 to 1000000000 (one event's tokens per field)"), errors);
        Assert.Contains((1, "outputTokens", "must be an integer from 0 to 1000000000 (one event's tokens per field)"), errors);
        Assert.Contains((1, "costUsd", "must be a number of USD from 0 to 100000 (one event's cost)"), errors);
        Assert.Equal(3, errors.Count);
        Assert.Equal(0L, await app.QueryAsync<long>("SELECT COUNT(*) FROM usage_events"));
    }

    [Fact]
    public async Task TheBoundsThemselves_AreAccepted()
    {
        var response = await client.PostJsonAsync("/api/usage", Event("edge").With("inputTokens", 1_000_000_000L).With("costUsd", 100_000m));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OtlpLogRecord_WithAbsurdTokens_IsRejectedWithAReason_TheRestStored()
    {
        var json = BudgetBot.Tests.Otlp.Otlp.ApiRequestLogs().Replace("\"18420\"", "\"2000000000\"", StringComparison.Ordinal);

        var response = await client.PostAsync("/v1/logs", json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var partial = (await response.ReadAsync()).GetProperty("partialSuccess");
        Assert.Equal(1, partial.GetProperty("rejectedLogRecords").GetInt32());
        Assert.Contains("cannot be real", partial.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(1L, await app.QueryAsync<long>("SELECT COUNT(*) FROM usage_events"));
    }

    [Fact]
    public async Task AbsurdRowsWrittenStraightIntoTheDatabase_BreakNoRead()
    {
        foreach (var id in new[] { "a", "b", "c" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/usage", Event(id).With("costUsd", 1).With("inputTokens", 5)
                .With("repo", "acme/api").With("pr", 42).With("workflow", "claude-review").With("runId", 7))).StatusCode);
        }
        await app.Get<Database>().WriteAsync((c, tx) => c.ExecuteAsync(
            "UPDATE usage_events SET input_tokens = 9223372036854775807, output_tokens = 9223372036854775807, cache_read_tokens = 9223372036854775807, " +
            "cache_write_5m_tokens = 9223372036854775807, cache_write_1h_tokens = 9223372036854775807, cost_micros = 9223372036854775807; " +
            "UPDATE spend_rollups SET cost_micros = 9223372036854775807, events = 9223372036854775807; " +
            "UPDATE dashboard_spend SET cost_micros = 9223372036854775807, events = 9223372036854775807, input_tokens = 9223372036854775807, " +
            "output_tokens = 9223372036854775807, cache_read_tokens = 9223372036854775807, cache_write_tokens = 9223372036854775807; " +
            "UPDATE unit_spend SET cost_micros = 9223372036854775807, events = 9223372036854775807, input_tokens = 9223372036854775807, " +
            "output_tokens = 9223372036854775807, cache_read_tokens = 9223372036854775807, cache_write_5m_tokens = 9223372036854775807, " +
            "cache_write_1h_tokens = 9223372036854775807; " +
            "UPDATE pr_unit_spend SET cost_micros = 9223372036854775807, events = 9223372036854775807, input_tokens = 9223372036854775807, " +
            "output_tokens = 9223372036854775807, cache_read_tokens = 9223372036854775807, cache_write_5m_tokens = 9223372036854775807, " +
            "cache_write_1h_tokens = 9223372036854775807;", transaction: tx));

        string[] reads =
        [
            "/api/budgets", "/api/budgets/review-agents", "/api/pulls/acme/api/42", "/api/pulls/acme/api/42/comment",
            "/api/reports/spend.csv?from=2026-03-01&to=2026-03-12&groupBy=team", "/api/reports/spend.csv?from=2026-03-01&to=2026-03-12&groupBy=pr",
            "/api/reports/spend.csv?from=2026-03-01&to=2026-03-12&groupBy=model", "/api/reports/spend.csv?from=2026-03-01&to=2026-03-12&groupBy=day",
            "/api/reports/reconciliation?from=2026-03-01&to=2026-03-12",
        ];
        foreach (var path in reads)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var preflight = await client.PostJsonAsync("/api/preflight", new { repo = "acme/api", workflow = "claude-review", runId = "r", estimateUsd = 1 });
        Assert.Equal(HttpStatusCode.OK, preflight.StatusCode);
        Assert.False((await preflight.ReadAsync()).GetProperty("allowed").GetBoolean());
    }
}
