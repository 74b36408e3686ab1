namespace BudgetBot.Providers;

internal static partial class ProvidersLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Debug, Message = "No admin key configured for {Provider}; its cost reports are not polled")]
    public static partial void NotConfigured(ILogger logger, string provider);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information,
        Message = "Reconciled {Provider} from {From} to {To}: {Accounts} account-days, billed {BilledUsd} USD, reported {ReportedUsd} USD, remainder {RemainderUsd} USD")]
    public static partial void Reconciled(ILogger logger, string provider, DateOnly from, DateOnly to, int accounts, decimal billedUsd, decimal reportedUsd, decimal remainderUsd);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning,
        Message = "{Provider} reported more than it billed on {Day} for {Account}: remainder {RemainderUsd} USD is booked as a negative event so totals equal the bill")]
    public static partial void NegativeRemainder(ILogger logger, string provider, DateOnly day, string account, decimal remainderUsd);
}
