using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Operations;

public sealed class OperationsTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Healthz_AndReadyz_AnswerOk_OnAMigratedDatabase()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        var ready = await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ready.ReadAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var doc = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/usage", out _));
        Assert.True(paths.TryGetProperty("/api/preflight", out _));
        Assert.True(paths.TryGetProperty("/api/budgets/{id}", out _));
    }

    [Fact]
    public async Task OversizedBody_IsRefusedWith413()
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var body = new ByteArrayContent(new byte[9 * 1024 * 1024]);
        body.Headers.ContentType = new("application/json");
        var response = await client.PostAsync("/api/usage", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
