using System.Globalization;
using System.Text.Json.Nodes;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;
using static BudgetBot.Slack.SlackText;

namespace BudgetBot.Alerts;

// An unusual run or day, with its evidence: the cost, the baseline it is judged against, the model
// mix of the run (share of its dollars per model) and its pull request when known.
internal static class AnomalyAlertMessage
{
    public static string Run(string channel, RunAnomaly a)
    {
        var s = a.Subject;
        var b = a.Baseline;
        var text = $"Unusual run: {Escape(s.Workflow)} run {Escape(s.RunId ?? "")} in {Escape(s.Repo)} cost {Usd(a.CostMicros)}, " +
            $"its p99 is {Usd(b.P99Micros)} over {Plural(b.Runs, "run", "runs")}";
        var fields = new List<string>
        {
            $"*This run:*\n{Usd(a.CostMicros)}",
            $"*Median (p50):*\n{Usd(b.P50Micros)}",
            $"*p99:*\n{Usd(b.P99Micros)}",
            $"*MAD:*\n{Usd(b.MadMicros)}",
            $"*Baseline:*\n{Plural(b.Runs, "finished run", "finished runs")} over {a.Settings.BaselineDays} days",
            $"*Pull request:*\n" + (a.Pr is { } pr ? $"<https://github.com/{s.Repo}/pull/{pr}|{Escape(s.Repo)}#{pr}>" : "_none known_"),
        };
        var blocks = new List<JsonObject>
        {
            Header("Unusual AI spend: a run", emoji: true),
            Section($"Run `{Escape(s.RunId ?? "")}` of `{Escape(s.Workflow)}` in *{Escape(s.Repo)}* cost *{Usd(a.CostMicros)}*: above its workflow's p99 " +
                $"and more than {K(a.Settings.RunK)} x MAD above the median."),
            Fields(fields),
            Section("*Model mix* (share of this run's dollars)\n" + Lines(Mix(a), SectionTextMax - 100, 10)),
            Context($"Alerts once per run. `anomalies.runK` ({K(a.Settings.RunK)}), `minRuns` ({a.Settings.MinRuns}) and `baselineDays` in the policy; " +
                "`alerts.runawayUsdPerHour` still alerts on any hour above it."),
        };
        return PostMessage(channel, text, blocks);
    }

    public static string Day(string channel, DayAnomaly a)
    {
        var s = a.Subject;
        var day = a.Day.UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture);
        var text = $"Unusual day: {Escape(s.Workflow)} in {Escape(s.Repo)} spent {Usd(a.SpentMicros)} on {day}, " +
            $"its daily median is {Usd(a.MedianMicros)}";
        var blocks = new List<JsonObject>
        {
            Header("Unusual AI spend: a day", emoji: true),
            Section($"`{Escape(s.Workflow)}` in *{Escape(s.Repo)}* has spent *{Usd(a.SpentMicros)}* on {day} (UTC), more than " +
                $"{K(a.Settings.DailyJumpFactor)} x its median day of {Usd(a.MedianMicros)} over the last {a.Settings.BaselineDays} days."),
            Fields([$"*Today:*\n{Usd(a.SpentMicros)}", $"*Median day:*\n{Usd(a.MedianMicros)}", $"*Team:*\n{Escape(s.Team)}"]),
            Context("Alerts once per workflow and day. `anomalies.dailyJumpFactor` and `baselineDays` in the policy."),
        };
        return PostMessage(channel, text, blocks);
    }

    private static List<string> Mix(RunAnomaly a) =>
        a.Models.Where(m => m.CostMicros > 0).OrderByDescending(m => m.CostMicros).ThenBy(m => m.Model, StringComparer.Ordinal)
            .Select(m => $"`{Escape(m.Model)}`: {Usd(m.CostMicros)} ({Share(m.CostMicros, a.CostMicros)})")
            .ToList();

    private static string Share(long part, long whole) =>
        whole <= 0 ? "0%" : (100m * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string K(decimal k) => k.ToString("0.##", CultureInfo.InvariantCulture);
}
