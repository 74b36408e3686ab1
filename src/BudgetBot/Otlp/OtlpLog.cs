namespace BudgetBot.Otlp;

// Event ids 2200-2299 belong to the OTLP receiver and the transcript importer. No attribute values,
// tokens or prompts are logged, only counts and reasons.
internal static partial class OtlpLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "OTLP {Channel}: {Accepted} usage events stored, {Duplicates} already known, {Dropped} dropped as another channel's session")]
    public static partial void Stored(ILogger logger, string channel, int accepted, int duplicates, int dropped);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "OTLP {Channel}: rejected {Count} items: {Reasons}")]
    public static partial void Rejected(ILogger logger, string channel, int count, string reasons);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "OTLP {Path}: refused content type {ContentType}; exporters must use OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf, http/json or grpc")]
    public static partial void Unsupported(ILogger logger, string path, string contentType);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "OTLP {Path}: unreadable body: {Reason}")]
    public static partial void Unreadable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Information, Message = "Imported Claude Code transcripts: {Files} files, {Lines} lines, {Accepted} events stored, {Duplicates} duplicates, {Dropped} dropped as reported by telemetry")]
    public static partial void Imported(ILogger logger, int files, int lines, int accepted, int duplicates, int dropped);
}
