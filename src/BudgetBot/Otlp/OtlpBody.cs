using System.IO.Compression;
using System.Text.Json;
using BudgetBot.Operations;
using BudgetBot.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BudgetBot.Otlp;

// OTLP/HTTP request bodies: JSON only (protobuf is answered 415 with what to change), gzip or not.
internal static class OtlpBody
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static async Task<(JsonDocument? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, ILogger logger, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not (null or "" or "application/json") && !(mediaType?.EndsWith("+json", StringComparison.Ordinal) ?? false))
        {
            OtlpLog.Unsupported(logger, request.Path, mediaType ?? "");
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "BudgetBot accepts OTLP/HTTP JSON only",
                detail: $"Content type '{mediaType}' is not supported. Set OTEL_EXPORTER_OTLP_PROTOCOL=http/json " +
                        "(or the per-signal OTEL_EXPORTER_OTLP_METRICS_PROTOCOL / _LOGS_ / _TRACES_PROTOCOL) and send Content-Type: application/json."));
        }
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            OtlpLog.Unsupported(logger, request.Path, "Content-Encoding " + encoding);
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported Content-Encoding",
                detail: $"Content-Encoding '{encoding}' is not supported; send gzip or no encoding (OTEL_EXPORTER_OTLP_COMPRESSION=gzip)."));
        }
        Stream body = encoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        await using var limited = new LimitedStream(body, MaxBytes);
        try
        {
            return (await JsonDocument.ParseAsync(limited, cancellationToken: ct), null);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            OtlpLog.Unreadable(logger, request.Path, e.GetType().Name);
            return (null, Problems.Invalid([new FieldError(0, "", "the body is not readable OTLP JSON: " + e.Message)], "The OTLP export is not valid"));
        }
        finally
        {
            if (!ReferenceEquals(body, request.Body))
            {
                await body.DisposeAsync();
            }
        }
    }
}
