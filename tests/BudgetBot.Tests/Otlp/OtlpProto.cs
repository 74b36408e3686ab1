using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Google.Protobuf;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace BudgetBot.Tests.Otlp;

// The same OTLP exports as protobuf messages: OTLP JSON is proto3 JSON apart from hex trace and span
// ids, so the JSON fixtures parse into the generated messages (ids turned to base64 first).
internal static class OtlpProto
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    public static ExportMetricsServiceRequest Metrics(string json) => Parser.Parse<ExportMetricsServiceRequest>(json);

    public static ExportLogsServiceRequest Logs(string json) => Parser.Parse<ExportLogsServiceRequest>(json);

    public static ExportTraceServiceRequest Traces(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var span in root["resourceSpans"]!.AsArray().SelectMany(rs => rs!["scopeSpans"]!.AsArray()).SelectMany(ss => ss!["spans"]!.AsArray()))
        {
            foreach (var key in new[] { "traceId", "spanId", "parentSpanId" })
            {
                if (span![key]?.GetValue<string>() is { } hex)
                {
                    span[key] = Convert.ToBase64String(Convert.FromHexString(hex));
                }
            }
        }
        return Parser.Parse<ExportTraceServiceRequest>(root.ToJsonString());
    }

    public static Task<HttpResponseMessage> PostProtobufAsync(this HttpClient client, string path, IMessage message, bool gzip = false) =>
        client.PostBytesAsync(path, message.ToByteArray(), gzip);

    public static Task<HttpResponseMessage> PostBytesAsync(this HttpClient client, string path, byte[] body, bool gzip = false)
    {
        if (gzip)
        {
            var buffer = new MemoryStream();
            using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                zip.Write(body);
            }
            body = buffer.ToArray();
        }
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        return client.PostAsync(path, content, TestContext.Current.CancellationToken);
    }

    public static async Task<T> ReadProtobufAsync<T>(this HttpResponseMessage response, MessageParser<T> parser) where T : IMessage<T>
    {
        Assert.Equal("application/x-protobuf", response.Content.Headers.ContentType?.MediaType);
        return parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }
}
