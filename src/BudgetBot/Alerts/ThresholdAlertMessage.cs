using System.Text.Json.Nodes;
using BudgetBot.Budgets;
using static BudgetBot.Slack.SlackBlocks;
using static BudgetBot.Slack.SlackFormat;
using static BudgetBot.Slack.SlackText;

namespace BudgetBot.Alerts;

// A budget passed a threshold: one message naming the highest threshold newly passed.
internal static class ThresholdAlertMessage
{
    public static string Render(string channel, BudgetStatus s, int threshold, IReadOnlyList<UnpricedModel> unpriced)
    {
        var available = s.LimitUsd + s.GrantedUsd;
        var exhausted = threshold >= 100;
        var text = exhausted
            ? $"Budget {Escape(s.Id)} is exhausted: {Usd(s.SpentUsd)} of {Usd(available)} spent ({Percent(s.PercentUsed)})"
            : $"Budget {Escape(s.Id)} passed {threshold}%: {Usd(s.SpentUsd)} of {Usd(available)} spent ({Percent(s.PercentUsed)})";
        var blocks = new List<JsonObject>
        {
            Header(exhausted ? $"Budget exhausted: {s.Id}" : $"Budget at {threshold}%: {s.Id}", emoji: true),
            Section(
                $"*{Escape(s.Id)}* (`{Escape(s.Scope.ToString())}`) has used *{Percent(s.PercentUsed)}* of its budget and passed " +
                $"the *{threshold}%* threshold.\n`{Gauge(s.PercentUsed)}`" + Consequence(s.Enforcement, exhausted)),
            Fields(
            [
                $"*Spent:*\n{Usd(s.SpentUsd)}",
                $"*Budget:*\n{Usd(s.LimitUsd)}" + (s.GrantedUsd != 0 ? $" + {Usd(s.GrantedUsd)} granted" : ""),
                $"*Remaining:*\n{Usd(s.RemainingUsd)}",
                $"*Projected by reset:*\n{Usd(s.ProjectedUsd)}",
                $"*Resets:*\n{Date(s.ResetsAt)}",
                $"*Enforcement:*\n{s.Enforcement.ToText()}",
            ]),
        };
        if (unpriced.Count > 0)
        {
            blocks.Add(Section(UnpricedText(unpriced)));
        }
        blocks.Add(Context(
            $"Each threshold alerts once per period. Ask for more with `/budget request &lt;amount&gt; for {Escape(s.Id)} &lt;reason&gt;`."));
        return PostMessage(channel, text, blocks);
    }

    // Shared with the digest: unpriced usage is counted in tokens but not in money, so say so.
    public static string UnpricedText(IReadOnlyList<UnpricedModel> unpriced) =>
        "*Unpriced models* (tokens counted, no cost until the price catalog knows them)\n" +
        Lines(unpriced.Select(m => $"`{Escape(m.Model)}`: {Plural(m.Events, "event", "events")}").ToList(), SectionTextMax - 100, 10);

    private static string Consequence(Enforcement enforcement, bool exhausted) => (enforcement, exhausted) switch
    {
        (Enforcement.Hard, true) => "\nPre-flight checks now deny new runs until a grant is approved.",
        (Enforcement.Soft, true) => "\nRuns continue; PR checks turn neutral.",
        _ => "",
    };
}
