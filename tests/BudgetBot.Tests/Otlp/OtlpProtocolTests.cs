using System.Net;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using static BudgetBot.Tests.Otlp.OtlpProto;
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
    public async Task OtherContentTypes_Are415_WithWhatToSet(string path)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var response = await client.PostAsync(path, "\u000a\u0001", contentType: "application/x-thrift");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf or http/json", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/metrics", false)]
    [InlineData("/v1/logs", false)]
    [InlineData("/v1/traces", false)]
    [InlineData("/v1/metrics", true)]
    public async Task UnreadableProtobuf_Is400_WithAGoogleRpcStatus_AndStoresNothing(string path, bool gzip)
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        // Field 1 (resource_*), length 1, and then nothing: a truncated message.
        var response = await client.PostBytesAsync(path, [0x0a, 0x01], gzip);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (code, message) = RpcStatusOf(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, code);
        Assert.StartsWith("the body is not a readable OTLP protobuf export", message, StringComparison.Ordinal);
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.CountAsync());
    }

    [Fact]
    public async Task ProtobufClaimingGzip_ThatIsNot_Is400()
    {
        var client = await app.ClientWithScopesAsync(Scopes.Ingest);
        var content = new ByteArrayContent("definitely not gzip"u8.ToArray());
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.ContentEncoding.Add("gzip");
        var response = await client.PostAsync("/v1/metrics", content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.CountAsync());
    }

    // google.rpc.Status: code (1, varint) and message (2, string).
    private static (int Code, string Message) RpcStatusOf(byte[] body)
    {
        var input = new Google.Protobuf.CodedInputStream(body);
        var (code, message) = (-1, "");
        while (input.ReadTag() is var tag and not 0)
        {
            switch (Google.Protobuf.WireFormat.GetTagFieldNumber(tag))
            {
                case 1: code = input.ReadInt32(); break;
                case 2: message = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }
        return (code, message);
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
