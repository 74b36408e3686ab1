using Microsoft.Extensions.Logging;

namespace BudgetBot.Budgets;

// Event ids 1201-1299 belong to Policy; keep them stable, alerts are keyed on them.
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Loaded policy {Path}: {Teams} teams, {Budgets} budgets")]
    public static partial void Loaded(ILogger logger, string path, int teams, int budgets);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Reloaded policy {Path}: {Teams} teams, {Budgets} budgets")]
    public static partial void Reloaded(ILogger logger, string path, int teams, int budgets);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Policy file {Path} has {Count} errors; keeping the last good policy until it is fixed:\n{Errors}")]
    public static partial void Rejected(ILogger logger, string path, int count, string errors);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "Cannot read policy file {Path}; keeping the last good policy")]
    public static partial void Unreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "Reloading policy file {Path} failed; keeping the last good policy")]
    public static partial void ReloadFailed(ILogger logger, string path, Exception exception);
}
