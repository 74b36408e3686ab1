using BudgetBot.Budgets;
using BudgetBot.Foresight;
using BudgetBot.Slack;
using BudgetBot.Storage;
using BudgetBot.Usage;

namespace BudgetBot.Alerts;

// One run, or one workflow's UTC day, that the usage just stored touched (RunId null: the day).
internal sealed record AnomalySubject(string Repo, string Workflow, string? RunId, string Team, int? Pr)
{
    public static IEnumerable<AnomalySubject> Of(IEnumerable<PricedUsage> stored)
    {
        var touched = stored.Where(p => p.Event.Repo is not null && p.Event.Workflow is not null).ToList();
        return touched.Where(p => p.Event.RunId is not null)
            .Select(p => new AnomalySubject(p.Event.Repo!, p.Event.Workflow!, p.Event.RunId, p.Team, p.Event.Pr))
            .DistinctBy(s => (s.Repo, s.Workflow, s.RunId))
            .Concat(touched.Select(p => new AnomalySubject(p.Event.Repo!, p.Event.Workflow!, null, p.Team, null)).DistinctBy(s => (s.Repo, s.Workflow)));
    }
}

// Anomalies against a baseline (docs/decisions/anomalies-against-a-baseline.md): a run above its
// workflow's p99 and more than anomalies.runK MADs above the median of the finished runs of the
// last baselineDays, or a workflow's day above dailyJumpFactor x the median of its trailing days.
// Reads run_costs and dashboard_spend (rows per run and per hour, never events); each alert is
// recorded insert-first in runaway_alerts ("anomaly-run:<run>" / "anomaly-day:<repo>:<workflow>"
// with the day) in the transaction that enqueues it, so it is sent once.
internal sealed partial class AnomalyAlerts(
    IPolicyProvider policy,
    RunCostStore runs,
    AlertQueries queries,
    Database db,
    AlertStore store,
    SlackOutboxWriter slack,
    TimeProvider clock,
    ILogger<AnomalyAlerts> logger)
{
    public async Task<int> CheckAsync(IEnumerable<AnomalySubject> subjects, CancellationToken ct)
    {
        var current = policy.Current;
        var settings = current.Anomalies;
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var fromMs = nowMs - (settings.BaselineDays * 86_400_000L);
        var queued = 0;
        var finished = new Dictionary<(string Repo, string Workflow), IReadOnlyDictionary<string, long>>();
        foreach (var s in subjects)
        {
            var channel = AlertChannels.ForTeam(s.Team, current);
            if (s.RunId is { } runId)
            {
                var key = RunCostDelta.KeyOf(s.Repo, s.Workflow, runId);
                var run = await runs.RunAsync(key, ct);
                var cost = run.Sum(r => r.CostMicros);
                if (!finished.TryGetValue((s.Repo, s.Workflow), out var others))
                {
                    others = await runs.FinishedRunCostsAsync(s.Repo, s.Workflow, fromMs, nowMs, ct);
                    finished[(s.Repo, s.Workflow)] = others;
                }
                var baseline = RunBaseline.Of(others.Where(r => r.Key != key).Select(r => r.Value));
                if (baseline is null || baseline.Runs < settings.MinRuns || !baseline.IsAnomaly(cost, settings.RunK))
                {
                    continue;
                }
                var evidence = new RunAnomaly(s, cost, baseline, run, run.Select(r => r.Pr).FirstOrDefault(p => p is not null) ?? s.Pr, settings);
                if (await RecordAsync($"anomaly-run:{key}", DateTimeOffset.UnixEpoch, cost, channel, now,
                        c => AnomalyAlertMessage.Run(c, evidence), ct))
                {
                    queued++;
                }
            }
            else
            {
                var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
                var days = await queries.WorkflowDaysAsync(s.Repo, s.Workflow, today.AddDays(-settings.BaselineDays), now, ct);
                var spentToday = days.GetValueOrDefault(DateOnly.FromDateTime(today.UtcDateTime));
                var trailing = Enumerable.Range(1, settings.BaselineDays)
                    .Select(i => days.GetValueOrDefault(DateOnly.FromDateTime(today.AddDays(-i).UtcDateTime))).ToList();
                if (!RunBaseline.IsJump(spentToday, trailing, settings.DailyJumpFactor, out var median))
                {
                    continue;
                }
                var jump = new DayAnomaly(s, today, spentToday, median, settings);
                if (await RecordAsync($"anomaly-day:{s.Repo}:{s.Workflow}", today, spentToday, channel, now,
                        c => AnomalyAlertMessage.Day(c, jump), ct))
                {
                    queued++;
                }
            }
        }
        return queued;
    }

    private async Task<bool> RecordAsync(string subject, DateTimeOffset window, long micros, string? channel, DateTimeOffset now, Func<string, string> render, CancellationToken ct)
    {
        var fresh = await db.WriteAsync(async (c, tx) =>
        {
            if (!await store.TryRecordOnceAsync(c, tx, subject, window, micros, channel, now))
            {
                return false;
            }
            if (channel is not null)
            {
                await slack.PostAsync(c, tx, channel, render(channel));
            }
            return true;
        }, ct);
        if (fresh && channel is null)
        {
            LogNoChannel(logger, subject);
            return false;
        }
        if (fresh)
        {
            LogQueued(logger, subject, Money.FromMicros(micros), channel!);
        }
        return fresh;
    }

    [LoggerMessage(EventId = 18010, Level = LogLevel.Warning, Message = "Anomaly {Subject}: {CostUsd} USD against its baseline; alert queued for {Channel}")]
    private static partial void LogQueued(ILogger logger, string subject, decimal costUsd, string channel);

    [LoggerMessage(EventId = 18011, Level = LogLevel.Warning, Message = "Anomaly {Subject} but no channel receives its team's alerts; recorded, not sent")]
    private static partial void LogNoChannel(ILogger logger, string subject);
}

// The evidence an anomaly alert carries.
internal sealed record RunAnomaly(AnomalySubject Subject, long CostMicros, RunBaseline Baseline, IReadOnlyList<RunCostRow> Models, long? Pr, AnomalySettings Settings);

internal sealed record DayAnomaly(AnomalySubject Subject, DateTimeOffset Day, long SpentMicros, long MedianMicros, AnomalySettings Settings);
