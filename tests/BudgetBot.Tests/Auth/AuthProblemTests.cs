using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;

namespace BudgetBot.Tests.Auth;

// 401 and 403 are problem details that say what is wrong and what to do.
public sealed class AuthProblemTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData(null, null, "no Authorization header", "Bearer")]
    [InlineData("Basic", "dXNlcjpwYXNz", "not a bearer token", "Bearer error=\"invalid_request\"")]
    [InlineData("Bearer", "bb_not-a-real-token", "unknown or revoked", "Bearer error=\"invalid_token\"")]
    public async Task Unauthenticated_Is401_SayingWhy(string? scheme, string? value, string reason, string challenge)
    {
        var client = app.CreateClient();
        if (scheme is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, value);
        }
        var response = await client.GetAsync("/api/budgets", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(challenge, response.Headers.WwwAuthenticate.ToString());
        var problem = await Problem(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        Assert.Contains("tokens create", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/budgets", Scopes.Ingest, "read")]
    [InlineData("/api/reports/spend.csv", Scopes.Ingest, "read")]
    public async Task WrongScope_Is403_NamingTheScopeTheRouteNeeds(string path, string held, string needed)
    {
        var client = await app.ClientWithScopesAsync(held);
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (await Problem(response)).GetProperty("detail").GetString();
        Assert.Contains($"needs a token with scope '{needed}'", detail);
        Assert.Contains($"this token has '{held}'", detail);
    }

    [Fact]
    public async Task ReadToken_PostingUsage_Is403_NamingIngest()
    {
        var client = await app.ClientWithScopesAsync(Scopes.Read);
        var response = await client.PostJsonAsync("/api/usage", new { id = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope 'ingest'", (await Problem(response)).GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadAsync();
    }
}
