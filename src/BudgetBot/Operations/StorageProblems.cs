using BudgetBot.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace BudgetBot.Operations;

// A write that failed because storage is full, read-only or failing answers 503 with a problem
// detail saying so (and Retry-After), instead of a generic 500; every other exception goes on to the
// default handler.
internal sealed partial class StorageProblems(StorageHealth health, IProblemDetailsService problems, ILogger<StorageProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (StorageHealth.Classify(exception) is not { } detail)
        {
            return false;
        }
        health.Record(exception);
        LogStorageFailed(logger, context.Request.Method, context.Request.Path, detail);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "30";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Storage unavailable", Detail = detail + " Nothing was stored." },
        });
    }

    [LoggerMessage(EventId = 15510, Level = LogLevel.Error, Message = "{Method} {Path} could not write: {Detail}")]
    private static partial void LogStorageFailed(ILogger logger, string method, string path, string detail);
}
