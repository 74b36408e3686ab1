using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

public sealed class OtlpTracesTests : IAsyncLifetime
{
    private readonly TestApp app = new();
    private HttpClient client = null!;

    public async ValueTask InitializeAsync() => client = await app.ClientWithScopesAsync(Scopes.Ingest, Scopes.Read);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task GenAiSpan_IsPricedWithCachedTokensTakenOutOfInput()
    {
        var response = await client.PostAsync("/v1/traces", Fixture("genai-otlp-traces.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0.05475m, (await client.GetJsonAsync("/api/budgets/platform")).Decimal("spentUsd"));
        var row = Assert.Single(await app.RowsAsync());
        Assert.Equal((2000L, 1200L, 40000L, 5000L), ((long)row.input_tokens, (long)row.output_tokens, (long)row.cache_read_tokens, (long)row.cache_write_5m_tokens));
        Assert.Equal(("acme/payments-api", 482L, "13570011223", "pr-triage", "anthropic"), ((string)row.repo, (long)row.pr, (string)row.run_id, (string)row.workflow, (string)row.provider));
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", (string)row.event_id);
    }

    [Fact]
    public async Task ResentSpan_ChangesNothing()
    {
        await client.PostAsync("/v1/traces", Fixture("genai-otlp-traces.json"));
        await client.PostAsync("/v1/traces", Fixture("genai-otlp-traces.json"), gzip: true);
        Assert.Equal(1, await app.CountAsync());
        Assert.Equal(0.05475m, await app.SpentAsync());
    }

    [Fact]
    public async Task SpanWithoutModel_IsRejectedInPartialSuccess()
    {
        var json = Fixture("genai-otlp-traces.json")
            .Replace("gen_ai.response.model", "x.response.model", StringComparison.Ordinal)
            .Replace("gen_ai.request.model", "x.request.model", StringComparison.Ordinal);
        var partial = (await (await client.PostAsync("/v1/traces", json)).ReadAsync()).GetProperty("partialSuccess");
        Assert.Equal(1, partial.GetProperty("rejectedSpans").GetInt32());
        Assert.Equal(0, await app.CountAsync());
    }

    [Fact]
    public async Task VcsConventions_AttributeLikeTheShortKeys()
    {
        var json = Fixture("genai-otlp-traces.json")
            .Replace("\"key\": \"repo\"", "\"key\": \"vcs.repository.url.full\"", StringComparison.Ordinal)
            .Replace("\"acme/payments-api\"", "\"git@github.com:Acme/Payments-API.git\"", StringComparison.Ordinal)
            .Replace("\"key\": \"pr.number\"", "\"key\": \"vcs.change.id\"", StringComparison.Ordinal)
            .Replace("\"key\": \"github.run_id\"", "\"key\": \"cicd.pipeline.run.id\"", StringComparison.Ordinal);
        await client.PostAsync("/v1/traces", json);
        var row = Assert.Single(await app.RowsAsync());
        Assert.Equal(("acme/payments-api", 482L, "13570011223"), ((string)row.repo, (long)row.pr, (string)row.run_id));
    }
}
