using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

public sealed class OtlpProtocolTests : IAsyncLifetime
{
    private readonly TestApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("/v1/metrics")]
    [InlineData("/v1/logs")]
    [InlineData("/v1/traces")]
    public async Task Protobuf_Is415_WithWhatToSet(string path)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var response = await client.PostAsync(path, "\u000a\u0001", contentType: "application/x-protobuf");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/json", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/metrics")]
    [InlineData("/v1/logs")]
    [InlineData("/v1/traces")]
    public async Task WithoutToken_Is401_AndWithoutIngestScope_Is403(string path)
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, "{}")).StatusCode);
        var reader = await app.ClientWithScopesAsync(Scopes.Read);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync(path, "{}")).StatusCode);
        var ingest = await app.ClientWithScopesAsync(Scopes.Ingest);
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync(path, "{}")).StatusCode);
    }

    [Theory]
    [InlineData("{not json", false)]
    [InlineData("definitely not gzip", true)]
    public async Task UnreadableBody_Is400(string body, bool claimGzip)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        if (claimGzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        var response = await client.PostAsync("/v1/metrics", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.CountAsync());
    }
}
