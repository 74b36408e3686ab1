using System.Diagnostics.Metrics;
using System.Text.Json;
using BudgetBot.Auth;
using BudgetBot.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using static BudgetBot.Tests.Otlp.Otlp;

namespace BudgetBot.Tests.Otlp;

// Done means of issue 11: the Claude Code-shaped fixture, recorded with the official OpenTelemetry
// .NET SDK and sent by its OTLP exporter (default gRPC, and HttpProtobuf) to the test host, or posted
// as JSON, spends the same dollars once. The SDK's default temporality is cumulative and it stamps
// each metric's times itself, so this also runs the export-window join and the differencing.
// A MeterProvider listens to every Meter of its name in the process: SDK tests must not overlap.
[Collection(OtlpSdkExporterTests.SdkMeters)]
public sealed class OtlpSdkExporterTests : IAsyncLifetime
{
    internal const string SdkMeters = "OpenTelemetry SDK meters";

    private const string Scope = "com.anthropic.claude_code";

    private readonly TestApp app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    [InlineData("http/json")]
    public async Task ClaudeCodeFixture_SpendsTheSameDollars_Once_WhateverTheProtocol(string protocol)
    {
        if (protocol == "http/json")
        {
            var client = await app.ClientWithScopesAsync(Scopes.Ingest);
            await client.PostAsync("/v1/metrics", Fixture("claude-code-otlp-metrics.json"));
            await client.PostAsync("/v1/metrics", Fixture("claude-code-otlp-metrics.json"));
        }
        else
        {
            var grpc = protocol == "grpc";
            var token = await app.Get<ApiTokenStore>().CreateAsync("sdk", [Scopes.Ingest]);
            // The default endpoints with the test host's handler in place of the network.
            ExportWithSdk(grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf,
                new Uri(grpc ? "http://localhost:4317" : "http://localhost/v1/metrics"), token,
                () => new HttpClient(new SyncOverAsync(app.Server.CreateHandler())));
        }

        Assert.Equal(0.797825m, await app.SpentAsync());
        Assert.Equal(2, await app.CountAsync());
        Assert.Equal(0.797825m, await app.SpentAsync("otlp-metrics"));
    }

    // The fixture's cost and token points recorded with SDK counters and exported twice (ForceFlush).
    internal static void ExportWithSdk(OtlpExportProtocol protocol, Uri endpoint, string token, Func<HttpClient>? httpClient)
    {
        using var fixture = JsonDocument.Parse(Fixture("claude-code-otlp-metrics.json"));
        var resource = fixture.RootElement.GetProperty("resourceMetrics")[0];
        using var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(r => r.Clear().AddAttributes(Attributes(resource.GetProperty("resource")).Select(a => new KeyValuePair<string, object>(a.Key, a.Value!))))
            .AddMeter(Scope)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Protocol = protocol;
                exporter.Endpoint = endpoint;
                exporter.Headers = "Authorization=Bearer " + token;
                if (httpClient is not null)
                {
                    exporter.HttpClientFactory = httpClient;
                }
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000;
            })
            .Build();
        using var meter = new Meter(Scope, "2.1.30");
        var counters = new Dictionary<string, Counter<double>>
        {
            ["claude_code.cost.usage"] = meter.CreateCounter<double>("claude_code.cost.usage", "USD"),
            ["claude_code.token.usage"] = meter.CreateCounter<double>("claude_code.token.usage", "tokens"),
        };
        foreach (var metric in resource.GetProperty("scopeMetrics")[0].GetProperty("metrics").EnumerateArray())
        {
            if (counters.TryGetValue(metric.GetProperty("name").GetString()!, out var counter))
            {
                foreach (var point in metric.GetProperty("sum").GetProperty("dataPoints").EnumerateArray())
                {
                    counter.Add(point.GetProperty("asDouble").GetDouble(), [.. Attributes(point)]);
                }
            }
        }

        Assert.True(provider.ForceFlush(10_000), "the exporter's first export failed");
        // A second collection of the unchanged cumulative series: nothing new to count.
        Assert.True(provider.ForceFlush(10_000), "the exporter's second export failed");
    }

    private static IEnumerable<KeyValuePair<string, object?>> Attributes(JsonElement owner) =>
        owner.GetProperty("attributes").EnumerateArray().Select(a =>
            new KeyValuePair<string, object?>(a.GetProperty("key").GetString()!, a.GetProperty("value").GetProperty("stringValue").GetString()));

    // The exporter's HTTP path sends synchronously (HttpClient.Send), which TestServer's handler does
    // not implement; this passes the same request to its async path.
    private sealed class SyncOverAsync(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            SendAsync(request, cancellationToken).GetAwaiter().GetResult();
    }
}
