using BudgetBot.Tests.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BudgetBot.Tests.GitHub;

// What the refresh fan-out (PullRequestRefresh) scheduled, and why, read from the debug line it logs
// for every PR of a committed notification.
internal sealed partial class RecordingChanges
{
    private const int ScheduledEventId = 3130;

    public RecordingLogger Logs { get; } = new();

    public IReadOnlyList<(string Repo, int Number, string Reason)> Seen =>
        Logs.Entries.Where(m => m.EventId == ScheduledEventId).Select(m => Scheduled().Match(m.Message))
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[3].Value))
            .ToList();

    [GeneratedRegex(@"^Refresh of (.+)#(\d+) scheduled \((.+)\)$")]
    private static partial Regex Scheduled();
}

internal static class RecordingChangesExtensions
{
    public static IServiceCollection AddSingletonChanges(this IServiceCollection services, RecordingChanges changes) =>
        services.AddSingleton<ILoggerProvider>(changes.Logs)
            .AddLogging(b => b.AddFilter<RecordingLogger>("BudgetBot.GitHub", LogLevel.Debug));
}
