using System.Globalization;
using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;
using static BudgetBot.Slack.SlackText;

namespace BudgetBot.Alerts;

// "At this rate platform-month runs out on Nov 23, 7 days early": the forecast alert, and the same
// words in the digest's budget line. Days are UTC days, as the forecast's are.
internal static class ForecastAlertMessage
{
    public static string Render(string channel, BudgetStatus s)
    {
        var available = s.LimitUsd + s.GrantedUsd;
        var text = $"At this rate {Escape(s.Id)} {RunsOut(s)}";
        var blocks = new List<JsonObject>
        {
            Header($"Budget forecast: {s.Id}", emoji: true),
            Section(
                $"At this rate *{Escape(s.Id)}* (`{Escape(s.Scope.ToString())}`) *{RunsOut(s)}*: the forecast for the period is " +
                $"{Usd(s.ForecastUsd ?? 0)} against {Usd(available)}.\n`{Gauge(s.PercentUsed)}`"),
            Fields(
            [
                $"*Spent:*\n{Usd(s.SpentUsd)}",
                $"*Budget:*\n{Usd(s.LimitUsd)}" + (s.GrantedUsd != 0 ? $" + {Usd(s.GrantedUsd)} granted" : ""),
                $"*Forecast by reset:*\n{Usd(s.ForecastUsd ?? 0)}",
                $"*Runs out:*\n{Date(s.ExhaustsAt ?? s.ResetsAt)}",
                $"*Resets:*\n{Date(s.ResetsAt)}",
                $"*Enforcement:*\n{s.Enforcement.ToText()}",
            ]),
            Context(
                "The forecast weighs the last 28 days, recent days and workdays more, against the straight line of this period. " +
                $"It alerts once per period. Ask for more with `/budget request &lt;amount&gt; for {Escape(s.Id)} &lt;reason&gt;`."),
        };
        return PostMessage(channel, text, blocks);
    }

    // "runs out on Nov 23, 7 days early"; whole days, rounded down.
    public static string RunsOut(BudgetStatus s)
    {
        var at = s.ExhaustsAt ?? s.ResetsAt;
        var early = (int)Math.Floor((s.ResetsAt - at).TotalDays);
        var when = early switch
        {
            <= 0 => "less than a day early",
            1 => "1 day early",
            _ => $"{early} days early",
        };
        return $"runs out on {at.UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture)}, {when}";
    }
}
