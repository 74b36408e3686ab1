using BudgetBot.Budgets;
using BudgetBot.Slack;
using BudgetBot.Storage;
using BudgetBot.Usage;

namespace BudgetBot.Alerts;

// Runaway spend (DESIGN §10): a PR, or a run outside any PR, that spent more than
// alerts.runawayUsdPerHour in the hour before now alerts at once, at most once per clock hour per
// subject (insert-first in runaway_alerts, enqueued in the same transaction).
internal sealed partial class RunawayAlerts(
    IPolicyProvider policy,
    Database db,
    AlertStore store,
    AlertQueries queries,
    SlackOutboxWriter slack,
    TimeProvider clock,
    ILogger<RunawayAlerts> logger)
{
    public async Task<int> CheckAsync(IEnumerable<RunawaySubject> subjects, CancellationToken ct)
    {
        var current = policy.Current;
        if (current.Alerts.RunawayUsdPerHour is not { } limitUsd)
        {
            return 0;
        }
        var limit = Money.ToMicros(limitUsd);
        var now = clock.GetUtcNow();
        var window = DateTimeOffset.FromUnixTimeMilliseconds(RollupDelta.HourOf(now.ToUnixTimeMilliseconds()));
        var queued = 0;
        foreach (var subject in subjects)
        {
            var spent = subject.Pr is { } pr
                ? await queries.PrSpendSinceAsync(subject.Repo, pr, now.AddHours(-1), ct)
                : await queries.RunSpendSinceAsync(subject.Repo, subject.RunId!, now.AddHours(-1), ct);
            if (spent <= limit)
            {
                continue;
            }
            var channel = AlertChannels.ForTeam(subject.Team, current);
            var fresh = await db.WriteAsync(async (c, tx) =>
            {
                if (!await store.TryRecordOnceAsync(c, tx, subject.Key, window, spent, channel, now))
                {
                    return false;
                }
                if (channel is not null)
                {
                    await slack.PostAsync(c, tx, channel, RunawayAlertMessage.Render(channel, subject, spent, limitUsd, now));
                }
                return true;
            }, ct);
            if (fresh && channel is null)
            {
                LogNoChannel(logger, subject.Key, subject.Team);
            }
            else if (fresh)
            {
                LogQueued(logger, subject.Key, Money.FromMicros(spent), channel!);
                queued++;
            }
        }
        return queued;
    }

    internal static IEnumerable<RunawaySubject> Subjects(IEnumerable<PricedUsage> stored) =>
        stored
            .Where(p => p.Event.Repo is not null && (p.Event.Pr is not null || p.Event.RunId is not null))
            .Select(p => new RunawaySubject(p.Event.Repo!.ToLowerInvariant(), p.Event.Pr, p.Event.Pr is null ? p.Event.RunId : null, p.Team, p.Event.Workflow))
            .DistinctBy(s => s.Key);

    [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Runaway spend on {Subject}: {SpentUsd} USD in the last hour; alert queued for {Channel}")]
    private static partial void LogQueued(ILogger logger, string subject, decimal spentUsd, string channel);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "Runaway spend on {Subject} but team {Team} has no Slack channel; recorded, not sent")]
    private static partial void LogNoChannel(ILogger logger, string subject, string team);
}

// One pull request (Pr set) or one workflow run outside a PR (RunId set) whose last hour is judged.
// A run inside a PR is judged as part of its PR, so one runaway never alerts twice.
internal sealed record RunawaySubject(string Repo, int? Pr, string? RunId, string Team, string? Workflow)
{
    public string Key => Pr is { } pr ? $"pr:{Repo}#{pr}" : $"run:{Repo}:{RunId}";

    public string Label => Pr is { } pr ? $"{Repo}#{pr}" : $"run {RunId} in {Repo}";
}
