using System.Globalization;
using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;

namespace BudgetBot.Slack;

// The answers to /budget, pure; each goes back in the command's own HTTP response, seen only by
// the person who typed it.
internal static class SlackReplies
{
    public static JsonObject Ephemeral(string text) => WithType(Message(text, [Section(text)]));

    public static JsonObject Help() => Ephemeral(BudgetCommandParser.Usage);

    public static JsonObject Error(ParseError e) => Ephemeral(e.Message + "\n\n" + e.Usage);

    public static JsonObject Status(IReadOnlyList<BudgetStatus> statuses, string? target)
    {
        if (statuses.Count == 0)
        {
            return Ephemeral(target is null ? "No budgets are active." : $"No budget or team `{SlackText.Escape(SlackText.Truncate(target, 60))}`.");
        }
        var blocks = new List<JsonObject> { Header("Budgets") };
        blocks.AddRange(statuses.Take(SlackText.BlocksPerMessageMax - 2).Select(s => Section(Line(s), "status_" + s.Id)));
        if (statuses.Count > SlackText.BlocksPerMessageMax - 2)
        {
            blocks.Add(Context($"…and {statuses.Count - (SlackText.BlocksPerMessageMax - 2)} more; narrow it with `/budget status <budget|team>`."));
        }
        var text = string.Join("\n", statuses.Select(s => $"{s.Id}: {Usd(s.SpentUsd)} of {Usd(s.LimitUsd + s.GrantedUsd)} ({Percent(s.PercentUsed)}%)"));
        return WithType(Message(text, blocks));
    }

    public static JsonObject Requests(IReadOnlyList<BudgetRequestRow> pending)
    {
        if (pending.Count == 0)
        {
            return Ephemeral("No requests are pending.");
        }
        var blocks = new List<JsonObject> { Header("Pending requests") };
        blocks.AddRange(pending.Take(SlackText.BlocksPerMessageMax - 1).Select(r => Section(
            $"*{r.DisplayId}* · {RequestCards.Ask(r)}\nexpires {Date(r.ExpiresAtMs)}", "pending_" + r.DisplayId)));
        return WithType(Message(string.Join("\n", pending.Select(r => $"{r.DisplayId}: +{Usd(r.AmountMicros)} for {r.BudgetId}")), blocks));
    }

    private static string Line(BudgetStatus s)
    {
        var granted = s.GrantedUsd != 0 ? $" (+{Usd(s.GrantedUsd)} granted)" : "";
        var unpriced = s.UnpricedEvents > 0 ? $" · {s.UnpricedEvents} unpriced event(s)" : "";
        return $"*{s.Id}* `{s.Scope}` · {s.Enforcement.ToText()} · {s.State.ToText()}\n`{Bar(s.PercentUsed)}` {Percent(s.PercentUsed)}% · {Usd(s.SpentUsd)} of " +
            $"{Usd(s.LimitUsd)}{granted} · {Usd(s.RemainingUsd)} left · resets {Date(s.PeriodEnd)}{unpriced}";
    }

    private static string Percent(decimal p) => p.ToString("0.0", CultureInfo.InvariantCulture);

    private static JsonObject WithType(JsonObject message)
    {
        var typed = new JsonObject { ["response_type"] = "ephemeral" };
        foreach (var (key, value) in message.ToList())
        {
            message.Remove(key);
            typed[key] = value;
        }
        return typed;
    }
}
