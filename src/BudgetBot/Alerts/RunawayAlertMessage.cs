using System.Text.Json.Nodes;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;
using static BudgetBot.Slack.SlackText;

namespace BudgetBot.Alerts;

internal static class RunawayAlertMessage
{
    public static string Render(string channel, RunawaySubject subject, long spentMicros, decimal limitUsdPerHour, DateTimeOffset now)
    {
        var what = subject.Pr is { } pr
            ? $"Pull request *{Escape(subject.Repo)}#{pr}*"
            : $"Workflow run `{Escape(subject.RunId ?? "")}` in *{Escape(subject.Repo)}*";
        var text = $"Runaway spend: {Escape(subject.Label)} spent {Usd(spentMicros)} in the last hour (limit {Usd(limitUsdPerHour)}/h)";
        var fields = new List<string> { $"*Last hour:*\n{Usd(spentMicros)}", $"*Limit:*\n{Usd(limitUsdPerHour)} per hour", $"*Team:*\n{Escape(subject.Team)}" };
        if (subject.Workflow is { } workflow)
        {
            fields.Add($"*Workflow:*\n`{Escape(workflow)}`");
        }
        var blocks = new List<JsonObject>
        {
            Header("Runaway AI spend", emoji: true),
            Section($"{what} spent *{Usd(spentMicros)}* in the last hour, above the runaway limit of {Usd(limitUsdPerHour)} per hour."),
            Fields(fields),
            Context($"Checked {Date(now)}. Alerts at most once an hour per {(subject.Pr is null ? "run" : "pull request")}; " +
                "the limit is `alerts.runawayUsdPerHour` in the policy."),
        };
        return PostMessage(channel, text, blocks);
    }
}
